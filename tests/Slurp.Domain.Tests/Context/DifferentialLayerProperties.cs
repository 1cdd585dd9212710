using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Context;

namespace Slurp.Domain.Tests.Context;

public sealed class DifferentialLayerProperties
{
    private const string NodeSource = "ucxl://any:any@proj:task/node";

    [Property(MaxTest = 1000)]
    public Property StoredLayerResolvesLikeTheSubmittedOneForEveryReader() =>
        Prop.ForAll(Arb.From(DifferentialCase.Generate()), test =>
        {
            var stored = DifferentialLayer.Compute(test.Submitted, test.Ancestors, test.Readers, test.Options);

            return test.Readers.All(reader =>
            {
                var roles = new HashSet<string>(StringComparer.Ordinal) { reader };
                var expected = CascadeResolver.Resolve(test.ChainWith(test.Submitted), roles, test.Options).Data;
                var actual = CascadeResolver.Resolve(test.ChainWith(stored), roles, test.Options).Data;
                return SameAsSets(expected, actual);
            });
        });

    [Property(MaxTest = 1000)]
    public Property OverlayStoredAgainstTheBaseLayerResolvesLikeTheSubmittedOneForItsRole() =>
        Prop.ForAll(Arb.From(OverlayCase.Generate()), test =>
        {
            // The documented recipe: the node's base layer is the nearest ancestor, and the budget grows by one.
            var baseNode = new NodeLayers(NodeSource, [test.BaseLayer]);
            var stored = DifferentialLayer.Compute(
                test.Submitted,
                [.. test.Ancestors, baseNode],
                [test.Role],
                test.Options with { MaxDepth = test.Options.MaxDepth + 1 });

            var roles = new HashSet<string>(StringComparer.Ordinal) { test.Role };
            var expected = CascadeResolver.Resolve(test.ChainWith(test.Submitted), roles, test.Options).Data;
            var actual = CascadeResolver.Resolve(test.ChainWith(stored), roles, test.Options).Data;
            return SameAsSets(expected, actual);
        });

    [Property(MaxTest = 500)]
    public Property StoredLayerIsNeverLargerThanTheSubmission() =>
        Prop.ForAll(Arb.From(DifferentialCase.Generate()), test =>
        {
            var stored = DifferentialLayer.Compute(test.Submitted, test.Ancestors, test.Readers, test.Options);

            return (stored.Summary is null || stored.Summary == test.Submitted.Summary)
                && (stored.Purpose is null || stored.Purpose == test.Submitted.Purpose)
                && stored.Technologies.Count <= test.Submitted.Technologies.Count
                && stored.Tags.Count <= test.Submitted.Tags.Count
                && stored.Insights.Count <= test.Submitted.Insights.Count;
        });

    [Property(MaxTest = 500)]
    public Property StoredListsAreOrderedSubsetsOfTheSubmissionWithoutDuplicates() =>
        Prop.ForAll(Arb.From(DifferentialCase.Generate()), test =>
        {
            var stored = DifferentialLayer.Compute(test.Submitted, test.Ancestors, test.Readers, test.Options);

            return IsOrderedDistinctSubset(stored.Technologies, test.Submitted.Technologies)
                && IsOrderedDistinctSubset(stored.Tags, test.Submitted.Tags)
                && IsOrderedDistinctSubset(stored.Insights, test.Submitted.Insights);
        });

    private static bool SameAsSets(ContextData expected, ContextData actual) =>
        expected.Summary == actual.Summary
        && expected.Purpose == actual.Purpose
        && expected.Technologies.ToHashSet().SetEquals(actual.Technologies)
        && expected.Tags.ToHashSet().SetEquals(actual.Tags)
        && expected.Insights.ToHashSet().SetEquals(actual.Insights);

    private static bool IsOrderedDistinctSubset(IReadOnlyList<string> stored, IReadOnlyList<string> submitted)
    {
        if (stored.Distinct().Count() != stored.Count)
        {
            return false;
        }

        var firstIndex = stored.Select(item => submitted.ToList().IndexOf(item)).ToList();
        return firstIndex.All(index => index >= 0) && firstIndex.SequenceEqual(firstIndex.Order());
    }

    private sealed record DifferentialCase(NodeLayers[] Ancestors, ContextData Submitted, string[] Readers, int MaxDepth)
        : GeneratedCase
    {
        public CascadeOptions Options => new(MaxDepth);

        public NodeLayers[] ChainWith(ContextData layer) =>
            [.. Ancestors, new NodeLayers(NodeSource, [ContextLayer.Base(Readers, layer)])];

        public static Gen<DifferentialCase> Generate() =>
            from ancestors in ContextGenerators.Chain(0, 8)
            from submitted in ContextGenerators.Data()
            from readers in ContextGenerators.Readers()
            from maxDepth in ContextGenerators.MaxDepth()
            select new DifferentialCase(ancestors, submitted, readers, maxDepth);
    }

    private sealed record OverlayCase(
        NodeLayers[] Ancestors,
        ContextLayer BaseLayer,
        ContextData Submitted,
        string Role,
        int MaxDepth) : GeneratedCase
    {
        public CascadeOptions Options => new(MaxDepth);

        public NodeLayers[] ChainWith(ContextData overlay) =>
            [.. Ancestors, new NodeLayers(NodeSource, [BaseLayer, ContextLayer.Overlay(Role, overlay)])];

        public static Gen<OverlayCase> Generate() =>
            from ancestors in ContextGenerators.Chain(0, 8)
            from baseReaders in ContextGenerators.Readers()
            from baseData in ContextGenerators.Data()
            from submitted in ContextGenerators.Data()
            from role in Gen.Elements(ContextGenerators.Roles)
            from maxDepth in ContextGenerators.MaxDepth()
            select new OverlayCase(ancestors, ContextLayer.Base(baseReaders, baseData), submitted, role, maxDepth);
    }
}
