using FsCheck;
using FsCheck.Fluent;
using Slurp.Domain.Context;

namespace Slurp.Domain.Tests.Context;

/// <summary>
/// FsCheck generators over deliberately small alphabets, so that values, removals and roles collide often.
/// </summary>
internal static class ContextGenerators
{
    public static readonly string[] Roles = ["r1", "r2", "r3"];

    private static readonly string[] SetItems = ["a", "b", "c", "!a", "!b", "!c", "!d"];
    private static readonly string[] InsightItems = ["i1", "i2", "i3"];
    private static readonly string?[] Texts = [null, null, "s1", "s2"];

    public static Gen<ContextData> Data() =>
        from summary in Gen.Elements(Texts)
        from purpose in Gen.Elements(Texts)
        from technologies in Items(SetItems)
        from tags in Items(SetItems)
        from insights in Items(InsightItems)
        select new ContextData
        {
            Summary = summary,
            Purpose = purpose,
            Technologies = technologies,
            Tags = tags,
            Insights = insights,
        };

    public static Gen<string[]> Readers() => Gen.SubListOf(Roles).Select(roles => roles.ToArray());

    public static Gen<NodeLayers> Node() =>
        from hasBase in Gen.Elements(true, true, true, false)
        from baseReaders in Readers()
        from baseData in Data()
        from overlayRoles in Gen.SubListOf(Roles)
        from overlayData in Data().ArrayOf(Roles.Length)
        select new NodeLayers(
            string.Empty,
            [
                .. hasBase ? [ContextLayer.Base(baseReaders, baseData)] : Array.Empty<ContextLayer>(),
                .. overlayRoles.Select((role, i) => ContextLayer.Overlay(role, overlayData[i])),
            ]);

    /// <summary>A chain of <paramref name="minLength"/> to <paramref name="maxLength"/> nodes with distinct sources.</summary>
    public static Gen<NodeLayers[]> Chain(int minLength, int maxLength) =>
        from length in Gen.Choose(minLength, maxLength)
        from nodes in Node().ArrayOf(length)
        select nodes.Select((node, i) => node with { Source = $"ucxl://any:any@proj:task/d{i}" }).ToArray();

    public static Gen<int> MaxDepth() => Gen.Choose(0, 6);

    private static Gen<string[]> Items(string[] alphabet) =>
        Gen.Choose(0, 4).SelectMany(count => Gen.Elements(alphabet).ArrayOf(count));
}
