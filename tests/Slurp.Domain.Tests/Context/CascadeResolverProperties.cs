using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Context;

namespace Slurp.Domain.Tests.Context;

public sealed class CascadeResolverProperties
{
    [Property(MaxTest = 300)]
    public Property ResolutionDoesNotDependOnTheOrderOfReadersOrLayers() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
        {
            var permuted = Permute(test.Chain, new Random(test.PermutationSeed));

            var expected = CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options);
            var actual = CascadeResolver.Resolve(permuted, test.ReadingRoles, test.Options);

            return expected.ContentEquals(actual);
        });

    [Property(MaxTest = 300)]
    public Property ResolvingTwiceGivesEqualResults() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
            CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options)
                .ContentEquals(CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options)));

    [Property(MaxTest = 300)]
    public Property AncestorsBeyondMaxDepthChangeNothing() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
        {
            var withinDepth = test.Chain.TakeLast(test.MaxDepth + 1).ToArray();

            var full = CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options);
            var truncated = CascadeResolver.Resolve(withinDepth, test.ReadingRoles, test.Options);

            return full.ContentEquals(truncated);
        });

    [Property(MaxTest = 300)]
    public Property EverySourceLiesWithinMaxDepthOfTheNode() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
        {
            var allowed = test.Chain.TakeLast(test.MaxDepth + 1).Select(node => node.Source).ToHashSet();
            var from = CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options).InheritedFrom;

            return new[] { from.Summary, from.Purpose }.OfType<string>()
                .Concat(from.Technologies.Values)
                .Concat(from.Tags.Values)
                .Concat(from.Insights.Values)
                .All(allowed.Contains);
        });

    [Property(MaxTest = 300)]
    public Property InheritanceDepthNeverExceedsMaxDepth() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
            CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options).InheritanceDepth <= test.MaxDepth);

    [Property(MaxTest = 300)]
    public Property SpecificityScoreLiesBetweenZeroAndOne() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
            CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options).SpecificityScore is >= 0.0 and <= 1.0);

    [Property(MaxTest = 300)]
    public Property ResolvedTechnologiesAndTagsNeverHoldARemoval() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
        {
            var data = CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options).Data;

            return data.Technologies.Concat(data.Tags).All(value => !value.StartsWith('!'));
        });

    [Property(MaxTest = 300)]
    public Property EveryResolvedValueHasASource() =>
        Prop.ForAll(Arb.From(ResolutionCase.Generate()), test =>
        {
            var resolved = CascadeResolver.Resolve(test.Chain, test.ReadingRoles, test.Options);
            var (data, from) = (resolved.Data, resolved.InheritedFrom);

            return (data.Summary is null) == (from.Summary is null)
                && (data.Purpose is null) == (from.Purpose is null)
                && data.Technologies.SequenceEqual(from.Technologies.Keys)
                && data.Tags.SequenceEqual(from.Tags.Keys)
                && data.Insights.SequenceEqual(from.Insights.Keys);
        });

    private static NodeLayers[] Permute(NodeLayers[] chain, Random random) =>
        [.. chain.Select(node => node with
        {
            Layers = [.. Shuffle(node.Layers, random).Select(layer => layer with { Readers = Shuffle(layer.Readers, random) })],
        })];

    private static T[] Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var array = items.ToArray();
        random.Shuffle(array);
        return array;
    }

    private sealed record ResolutionCase(NodeLayers[] Chain, string[] Roles, int MaxDepth, int PermutationSeed)
        : GeneratedCase
    {
        public IReadOnlySet<string> ReadingRoles => Roles.ToHashSet(StringComparer.Ordinal);

        public CascadeOptions Options => new(MaxDepth);

        public static Gen<ResolutionCase> Generate() =>
            from chain in ContextGenerators.Chain(1, 9)
            from roles in ContextGenerators.Readers()
            from maxDepth in ContextGenerators.MaxDepth()
            from seed in Gen.Choose(0, int.MaxValue)
            select new ResolutionCase(chain, roles, maxDepth, seed);
    }
}
