using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Addresses;

namespace Slurp.Domain.Tests.Addresses;

public sealed class AddressProperties
{
    [Property(MaxTest = 1000)]
    public Property ParsingTheTextOfAnAddressGivesTheSameAddress() =>
        Prop.ForAll(AddressGenerators.Address.ToArbitrary(), address =>
            UcxlAddress.Parse(address.ToString()) == address);

    [Property(MaxTest = 1000)]
    public Property FormattingAParsedValidStringGivesTheSameString() =>
        Prop.ForAll(AddressGenerators.AddressText.ToArbitrary(), text =>
            UcxlAddress.TryParse(text, out var address, out _) && address!.ToString() == text);

    [Property(MaxTest = 1000)]
    public Property TryParseNeverThrowsOnArbitraryStrings() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), ParsesTotallyAndCanonically);

    [Property(MaxTest = 2000)]
    public Property TryParseNeverThrowsOnStringsBuiltFromGrammarFragments() =>
        Prop.ForAll(AddressGenerators.HostileText.Select(text => "ucxl://" + text).ToArbitrary(), ParsesTotallyAndCanonically);

    [Property(MaxTest = 2000)]
    public Property TryParseNeverThrowsOnAddressShapedStrings() =>
        Prop.ForAll(AddressGenerators.AddressShapedText.ToArbitrary(), ParsesTotallyAndCanonically);

    [Property(MaxTest = 2000)]
    public Property TryParseNeverThrowsOnNearMissesOfValidAddresses() =>
        Prop.ForAll(AddressGenerators.MutatedAddressText.ToArbitrary(), ParsesTotallyAndCanonically);

    [Property(MaxTest = 1000)]
    public Property NodePathTryParseNeverThrowsAndKeepsAcceptedTextUnchanged() =>
        Prop.ForAll(AddressGenerators.HostileText.Select(text => "/" + text).ToArbitrary(), text =>
        {
            var ok = NodePath.TryParse(text, out var path, out var error);
            return ok ? path!.Value == text && error is null : path is null && !string.IsNullOrEmpty(error);
        });

    [Property(MaxTest = 1000)]
    public Property TemporalSelectorTryParseNeverThrowsAndKeepsAcceptedTextUnchanged() =>
        Prop.ForAll(AddressGenerators.HostileText.ToArbitrary(), text =>
        {
            var ok = TemporalSelector.TryParse(text, out var selector, out var error);
            return ok ? selector!.ToString() == text && error is null : selector is null && !string.IsNullOrEmpty(error);
        });

    [Property(MaxTest = 500)]
    public Property AnAsOfSelectorSurvivesFormattingAndParsing() =>
        Prop.ForAll(AddressGenerators.Instant.ToArbitrary(), instant =>
        {
            var selector = TemporalSelector.AsOf(instant);
            var parsed = TemporalSelector.Parse(selector.ToString());
            return parsed == selector && parsed.Instant == instant;
        });

    [Property(MaxTest = 1000)]
    public Property ANodeKeySurvivesItsGrainKey() =>
        Prop.ForAll(AddressGenerators.NodeKey.ToArbitrary(), key =>
            NodeKey.TryFromGrainKey(key.ToGrainKey(), out var back) && back == key);

    [Property(MaxTest = 500)]
    public Property ANodeKeyAddressNamesTheSameNode() =>
        Prop.ForAll(AddressGenerators.NodeKey.ToArbitrary(), key =>
            UcxlAddress.Parse(key.ToString()).Node == key && key.ToAddress().ToString() == key.ToString());

    [Property(MaxTest = 500)]
    public Property EveryAncestorOfAPathContainsIt() =>
        Prop.ForAll(AddressGenerators.Path.ToArbitrary(), path =>
        {
            var ancestors = path.AncestorsFromRoot();
            return ancestors.Count == path.Depth
                && ancestors.Select((ancestor, depth) => ancestor.Depth == depth && path.IsSameOrBelow(ancestor)).All(x => x)
                && (path.IsRoot || ancestors[^1] == path.Parent);
        });

    /// <summary>TryParse is total and its answers are consistent; anything it accepts is already canonical.</summary>
    private static bool ParsesTotallyAndCanonically(string? text)
    {
        var ok = UcxlAddress.TryParse(text, out var address, out var error);
        return ok
            ? error is null && address!.ToString() == text
            : address is null && error is not null && !string.IsNullOrEmpty(error.Message);
    }
}
