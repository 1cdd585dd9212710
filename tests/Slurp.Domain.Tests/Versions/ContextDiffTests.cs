using System.Text.Json;
using Slurp.Domain.Access;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

public sealed class ContextDiffTests
{
    private static readonly VersionContent Base = new(
        new ContextData { Summary = "a", Tags = ["api", "dht"] },
        AccessLevel.Medium,
        ["backend_developer", "senior_architect"],
        new Dictionary<string, ContextData>());

    [Fact]
    public void Compute_IdenticalContent_HasNoEntries() =>
        AssertNoChange(ContextDiff.Compute(Base, Base with { }));

    [Fact]
    public void Compute_ScalarSetWhereAbsent_IsAddedWithItsValue()
    {
        var diff = ContextDiff.Compute(Base, Base with { Data = Base.Data with { Purpose = "serve users" } });

        Assert.Equal("serve users", Assert.Single(diff.Added, entry => entry.Key == "purpose").Value);
    }

    [Fact]
    public void Compute_ScalarThatBecameAbsent_IsRemovedWithItsOldValue()
    {
        var diff = ContextDiff.Compute(Base, Base with { Data = Base.Data with { Summary = null } });

        Assert.Equal("a", Assert.Single(diff.Removed).Value);
    }

    [Fact]
    public void Compute_ScalarWithANewValue_IsChangedFromTo()
    {
        var diff = ContextDiff.Compute(Base, Base with { Data = Base.Data with { Summary = "b" } });

        Assert.Equal(new ScalarChange("a", "b"), diff.Changed["summary"]);
    }

    [Fact]
    public void Compute_EmptySummaryWhereAbsent_IsAdded()
    {
        var older = Base with { Data = Base.Data with { Summary = null } };

        var diff = ContextDiff.Compute(older, older with { Data = older.Data with { Summary = "" } });

        Assert.Equal("", diff.Added["summary"]);
    }

    [Fact]
    public void Compute_Classification_IsChangedByWireName()
    {
        var diff = ContextDiff.Compute(Base, Base with { Classification = AccessLevel.High });

        Assert.Equal(new ScalarChange("medium", "high"), diff.Changed["classification"]);
    }

    [Fact]
    public void Compute_ListItemsOnlyInTheNewerVersion_AreAddedInItsOrder()
    {
        var diff = ContextDiff.Compute(Base, Base with { Data = Base.Data with { Tags = ["z", "api", "c", "dht", "z"] } });

        Assert.Equal(["z", "c"], Assert.IsAssignableFrom<IReadOnlyList<string>>(diff.Added["tags"]));
    }

    [Fact]
    public void Compute_ListItemsOnlyInTheOlderVersion_AreRemovedInItsOrder()
    {
        var diff = ContextDiff.Compute(Base, Base with { Data = Base.Data with { Tags = [] } });

        Assert.Equal(["api", "dht"], Assert.IsAssignableFrom<IReadOnlyList<string>>(diff.Removed["tags"]));
    }

    [Fact]
    public void Compute_ListInAnotherOrder_IsNoChange() =>
        AssertNoChange(ContextDiff.Compute(Base, Base with { Data = Base.Data with { Tags = ["dht", "api"] } }));

    [Fact]
    public void Compute_Readers_AreDiffedAsEncryptedForRoles()
    {
        var diff = ContextDiff.Compute(Base, Base with { Readers = ["admin", "senior_architect"] });

        Assert.Equal(["admin"], Assert.IsAssignableFrom<IReadOnlyList<string>>(diff.Added["encrypted_for_roles"]));
        Assert.Equal(["backend_developer"], Assert.IsAssignableFrom<IReadOnlyList<string>>(diff.Removed["encrypted_for_roles"]));
    }

    [Fact]
    public void Compute_OverlayAddedForARole_IsAddedPerOverlayField()
    {
        var newer = Base with
        {
            Overlays = new Dictionary<string, ContextData>
            {
                ["senior_architect"] = new() { Summary = "s", Insights = ["only architects see this"] },
            },
        };

        var diff = ContextDiff.Compute(Base, newer);

        Assert.Equal(["role_overlays.senior_architect.summary", "role_overlays.senior_architect.insights"], diff.Added.Keys);
    }

    [Fact]
    public void Compute_OverlayRemovedForARole_IsRemovedPerOverlayField()
    {
        var older = Base with
        {
            Overlays = new Dictionary<string, ContextData> { ["admin"] = new() { Tags = ["secret"] } },
        };

        var diff = ContextDiff.Compute(older, Base);

        Assert.Equal(["secret"], Assert.IsAssignableFrom<IReadOnlyList<string>>(diff.Removed["role_overlays.admin.tags"]));
    }

    [Fact]
    public void Compute_OverlayScalarWithANewValue_IsChangedUnderItsRole()
    {
        var older = Base with { Overlays = new Dictionary<string, ContextData> { ["admin"] = new() { Purpose = "p" } } };
        var newer = Base with { Overlays = new Dictionary<string, ContextData> { ["admin"] = new() { Purpose = "q" } } };

        var diff = ContextDiff.Compute(older, newer);

        Assert.Equal(new ScalarChange("p", "q"), Assert.Single(diff.Changed, entry => entry.Key == "role_overlays.admin.purpose").Value);
    }

    [Fact]
    public void Compute_OverlayAddedEmpty_IsNoChange()
    {
        var newer = Base with { Overlays = new Dictionary<string, ContextData> { ["admin"] = ContextData.Empty } };

        AssertNoChange(ContextDiff.Compute(Base, newer));
    }

    [Fact]
    public void Compute_Entries_FollowTheFieldOrderThenOverlaysByRole()
    {
        var newer = new VersionContent(
            new ContextData { Purpose = "p", Technologies = ["go"], Insights = ["i"] },
            AccessLevel.Medium,
            ["admin", "backend_developer", "senior_architect"],
            new Dictionary<string, ContextData> { ["zeta"] = new() { Tags = ["t"] }, ["alpha"] = new() { Tags = ["t"] } });

        var diff = ContextDiff.Compute(Base, newer);

        Assert.Equal(
            ["purpose", "technologies", "insights", "encrypted_for_roles", "role_overlays.alpha.tags", "role_overlays.zeta.tags"],
            diff.Added.Keys);
    }

    [Fact]
    public void Compute_SerializedWithSnakeCase_HasTheApiShape()
    {
        var older = Base with { Data = Base.Data with { Purpose = "old" } };
        var newer = older with { Data = older.Data with { Summary = "b", Purpose = null, Tags = ["api", "dht", "x"] } };
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        var json = JsonSerializer.Serialize(ContextDiff.Compute(older, newer), options);

        Assert.Equal(
            """{"added":{"tags":["x"]},"removed":{"purpose":"old"},"changed":{"summary":{"from":"a","to":"b"}}}""",
            json);
    }

    private static void AssertNoChange(ContextDiff diff)
    {
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Empty(diff.Changed);
    }
}
