using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Slurp.Domain.Access;
using Slurp.Host.Context;

namespace Slurp.Api.Tests.Access;

/// <summary>The catalog remembers which roles cover a path; what it answers is always what the scopes say.</summary>
public sealed class RoleCatalogTests
{
    private static readonly string[] Segments = ["src", "api", "ui", "docs", "deploy", "a.cs", "x"];

    private static readonly Gen<string> Paths =
        from depth in Gen.Choose(0, 4)
        from segments in Gen.ArrayOf(Gen.Elements(Segments), depth)
        select "/" + string.Join('/', segments);

    [Property(MaxTest = 300)]
    public Property EveryAnswerIsTheRolesWhoseScopesCoverThePathAskedOnceOrAgain() =>
        Prop.ForAll(Gen.ListOf(Paths).Select(p => p.ToArray()).ToArbitrary(), paths =>
        {
            var catalog = RoleCatalog.Of(DefaultRoles.All);
            // Each path twice: the second answer comes from what the catalog remembered.
            return paths.Concat(paths).All(path =>
                catalog.CoveringAll(path).Order(StringComparer.Ordinal).SequenceEqual(Expected(path)));
        });

    [Fact]
    public void PathsBeyondTheRememberedBoundAreStillAnsweredFromTheScopes()
    {
        var catalog = RoleCatalog.Of(DefaultRoles.All);
        for (var i = 0; i < RoleCatalog.MaxRememberedPaths; i++)
        {
            _ = catalog.CoveringAll("/docs/f" + i);
        }

        Assert.Equal(Expected("/api/beyond"), catalog.CoveringAll("/api/beyond").Order(StringComparer.Ordinal));
        Assert.Equal(Expected("/ui/beyond"), catalog.CoveringAll("/ui/beyond").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CoveringKeepsOnlyTheGivenRolesInTheirGivenOrder()
    {
        var catalog = RoleCatalog.Of(DefaultRoles.All);
        string[] asked = [DefaultRoles.ProjectManager, DefaultRoles.FrontendDeveloper, "unknown_role", DefaultRoles.BackendDeveloper];

        Assert.Equal([DefaultRoles.ProjectManager, DefaultRoles.BackendDeveloper], catalog.CoveringInOrder(asked, "/src/a.cs"));
        Assert.Equal(
            [DefaultRoles.BackendDeveloper, DefaultRoles.ProjectManager],
            catalog.Covering(asked, "/src/a.cs").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARoleRedefinedInANewCatalogIsAnsweredByItsNewScopes()
    {
        var before = RoleCatalog.Of(DefaultRoles.All);
        Assert.DoesNotContain(DefaultRoles.FrontendDeveloper, before.CoveringAll("/src/a.cs"));

        var frontend = DefaultRoles.All.Single(r => r.Name == DefaultRoles.FrontendDeveloper);
        var after = RoleCatalog.Of([.. DefaultRoles.All, frontend with { Scopes = [ScopeGlob.Parse("/src/**")] }]);

        Assert.Contains(DefaultRoles.FrontendDeveloper, after.CoveringAll("/src/a.cs"));
        Assert.DoesNotContain(DefaultRoles.FrontendDeveloper, before.CoveringAll("/src/a.cs"));
    }

    private static IEnumerable<string> Expected(string path) =>
        DefaultRoles.All.Where(r => r.Covers(path)).Select(r => r.Name).Order(StringComparer.Ordinal);
}
