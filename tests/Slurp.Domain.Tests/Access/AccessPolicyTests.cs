using Slurp.Domain.Access;

namespace Slurp.Domain.Tests.Access;

public sealed class AccessPolicyTests
{
    private static readonly RoleDefinition Backend = Find(DefaultRoles.BackendDeveloper);
    private static readonly RoleDefinition Auditor = Find(DefaultRoles.Auditor);

    [Fact]
    public void CanWrite_WritingRoleInsideItsScope_IsAllowed() =>
        Assert.True(AccessPolicy.CanWrite(Backend, "/src/main.go"));

    [Fact]
    public void CanWrite_WritingRoleOutsideItsScope_IsDenied() =>
        Assert.False(AccessPolicy.CanWrite(Backend, "/ui/app.tsx"));

    [Fact]
    public void CanWrite_ReadOnlyRoleInsideItsScope_IsDenied()
    {
        var reader = Backend with { CanWrite = false };

        Assert.False(AccessPolicy.CanWrite(reader, "/src/main.go"));
    }

    [Fact]
    public void CanWrite_Auditor_IsDeniedEverywhere() =>
        Assert.False(AccessPolicy.CanWrite(Auditor, "/"));

    [Fact]
    public void CanRead_CoveredRoleAmongTheReaders_IsAllowed() =>
        Assert.True(AccessPolicy.CanRead(Backend, "/src/main.go", ["backend_developer", "admin"]));

    [Fact]
    public void CanRead_CoveredRoleNotAmongTheReaders_IsDenied() =>
        Assert.False(AccessPolicy.CanRead(Backend, "/src/main.go", ["admin"]));

    [Fact]
    public void CanRead_ReaderWhoseScopesDoNotCoverThePath_IsDenied() =>
        Assert.False(AccessPolicy.CanRead(Backend, "/ui/app.tsx", ["backend_developer"]));

    [Fact]
    public void CanRead_ReaderNamedInAnotherCase_IsDenied() =>
        Assert.False(AccessPolicy.CanRead(Backend, "/src/main.go", ["Backend_Developer"]));

    public static TheoryData<string, AccessLevel, string[]> DefaultReaderTable => new()
    {
        { "/src/x", AccessLevel.Medium, ["admin", "backend_developer", "project_manager", "senior_architect"] },
        { "/src/x", AccessLevel.Low, ["admin", "backend_developer", "project_manager", "senior_architect"] },
        { "/src/x", AccessLevel.High, ["admin", "project_manager", "senior_architect"] },
        { "/src/x", AccessLevel.Critical, ["admin", "project_manager"] },
        { "/", AccessLevel.Medium, ["admin", "project_manager", "senior_architect"] },
        { "/docs/guide.md", AccessLevel.Medium, ["admin", "backend_developer", "frontend_developer", "project_manager", "senior_architect"] },
        { "/infra/k8s", AccessLevel.High, ["admin", "devops_engineer", "project_manager", "senior_architect"] },
        { "/.ci/build.yml", AccessLevel.Critical, ["admin", "project_manager"] },
        { "/apix", AccessLevel.Medium, ["admin", "project_manager", "senior_architect"] },
        { "/web", AccessLevel.Medium, ["admin", "frontend_developer", "project_manager", "senior_architect"] },
    };

    [Theory]
    [MemberData(nameof(DefaultReaderTable))]
    public void DefaultReaders_DefaultRoles_FollowTheApiTable(string path, AccessLevel classification, string[] expected) =>
        Assert.Equal(expected, AccessPolicy.DefaultReaders(DefaultRoles.All, path, classification));

    [Fact]
    public void DefaultReaders_RoleListedTwice_IsNamedOnce()
    {
        var roles = DefaultRoles.All.Concat(DefaultRoles.All);

        Assert.Equal(
            ["admin", "project_manager"],
            AccessPolicy.DefaultReaders(roles, "/src/x", AccessLevel.Critical));
    }

    [Fact]
    public void DefaultReaders_NoRoleCovers_IsEmpty() =>
        Assert.Empty(AccessPolicy.DefaultReaders([Backend, Auditor], "/ui/app.tsx", AccessLevel.Low));

    private static RoleDefinition Find(string name) => DefaultRoles.All.Single(role => role.Name == name);
}
