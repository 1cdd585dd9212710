using Slurp.Domain.Access;

namespace Slurp.Domain.Tests.Access;

public sealed class DefaultRolesTests
{
    // API.md's access-control table, typed out independently of the code under test.
    public static TheoryData<string, AccessLevel, string[], bool> ApiTable => new()
    {
        { "senior_architect", AccessLevel.High, ["/**"], true },
        { "frontend_developer", AccessLevel.Medium, ["/ui/**", "/web/**", "/frontend/**", "/docs/**"], true },
        { "backend_developer", AccessLevel.Medium, ["/api/**", "/services/**", "/src/**", "/docs/**"], true },
        { "devops_engineer", AccessLevel.High, ["/deploy/**", "/infra/**", "/ops/**", "/.ci/**"], true },
        { "project_manager", AccessLevel.Critical, ["/**"], true },
        { "auditor", AccessLevel.Low, [], false },
        { "admin", AccessLevel.Critical, ["/**"], true },
    };

    [Theory]
    [MemberData(nameof(ApiTable))]
    public void All_HoldsEachRoleOfTheApiTable(string name, AccessLevel level, string[] scopes, bool canWrite)
    {
        var role = Assert.Single(DefaultRoles.All, role => role.Name == name);

        Assert.Equal(level, role.AccessLevel);
        Assert.Equal(scopes, role.Scopes.Select(scope => scope.Pattern));
        Assert.Equal(canWrite, role.CanWrite);
    }

    [Fact]
    public void All_HoldsExactlyTheSevenRolesInTableOrder() =>
        Assert.Equal(
            ["senior_architect", "frontend_developer", "backend_developer", "devops_engineer", "project_manager", "auditor", "admin"],
            DefaultRoles.All.Select(role => role.Name));

    [Fact]
    public void All_EveryNameIsAValidRoleName() =>
        Assert.All(DefaultRoles.All, role => Assert.True(RoleDefinition.IsValidName(role.Name, out _)));

    [Fact]
    public void All_CannotBeModifiedThroughACast() =>
        Assert.Throws<NotSupportedException>(() => ((IList<RoleDefinition>)DefaultRoles.All)[0] = DefaultRoles.All[1]);
}
