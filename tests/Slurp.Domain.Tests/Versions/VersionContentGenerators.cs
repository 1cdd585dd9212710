using FsCheck;
using FsCheck.Fluent;
using Slurp.Domain.Access;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

/// <summary>FsCheck arbitraries for <see cref="VersionContent"/>, drawn from small pools so collisions are likely.</summary>
public static class VersionContentGenerators
{
    /// <summary>Role names the generated readers and overlays are drawn from.</summary>
    public static readonly string[] RolePool =
        ["admin", "auditor", "backend_developer", "frontend_developer", "project_manager", "senior_architect"];

    private static readonly char[] Characters = ['a', 'b', ' ', '/', '!', '\u00e9', '\u65e5', '\0'];

    public static Arbitrary<VersionContent> Content() =>
        (from data in Layer()
         from classification in Gen.Elements(Enum.GetValues<AccessLevel>())
         from readers in Gen.SubListOf(RolePool)
         from overlayRoles in Gen.SubListOf(RolePool)
         from overlays in Gen.CollectToArray(overlayRoles, _ => Layer())
         select new VersionContent(
             data,
             classification,
             readers.ToArray(),
             overlayRoles.Zip(overlays).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal)))
        .ToArbitrary();

    private static Gen<string> Text() =>
        Gen.ArrayOf(Gen.Elements(Characters)).Select(chars => new string(chars));

    private static Gen<ContextData> Layer() =>
        from summary in Text().OrNull()
        from purpose in Text().OrNull()
        from technologies in Gen.ArrayOf(Text())
        from tags in Gen.ArrayOf(Text())
        from insights in Gen.ArrayOf(Text())
        select new ContextData
        {
            Summary = summary,
            Purpose = purpose,
            Technologies = technologies,
            Tags = tags,
            Insights = insights,
        };
}
