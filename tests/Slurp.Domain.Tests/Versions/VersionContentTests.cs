using FsCheck.Xunit;
using Slurp.Domain.Access;
using Slurp.Domain.Context;
using Slurp.Domain.Versions;

namespace Slurp.Domain.Tests.Versions;

public sealed class VersionContentTests
{
    private static readonly VersionContent Sample = new(
        new ContextData
        {
            Summary = "User API handlers",
            Purpose = "Serve /users",
            Technologies = ["go"],
            Tags = ["api", "dht"],
            Insights = ["Handlers are thin"],
        },
        AccessLevel.Medium,
        ["backend_developer", "senior_architect"],
        new Dictionary<string, ContextData>
        {
            ["senior_architect"] = new() { Insights = ["only architects see this"] },
        });

    [Property(Arbitrary = [typeof(VersionContentGenerators)])]
    public bool ComputeHash_ReadersAndOverlaysInAnyOrder_IsTheSame(VersionContent content, int seed) =>
        Permute(content, seed).ComputeHash() == content.ComputeHash();

    [Property(Arbitrary = [typeof(VersionContentGenerators)])]
    public bool ComputeHash_AnyChangedField_Differs(VersionContent content, ContentMutation mutation) =>
        Mutate(content, mutation).ComputeHash() != content.ComputeHash();

    [Property(Arbitrary = [typeof(VersionContentGenerators)])]
    public bool ContentEquals_ReadersAndOverlaysInAnyOrder_IsTrue(VersionContent content, int seed) =>
        content.ContentEquals(Permute(content, seed));

    [Property(Arbitrary = [typeof(VersionContentGenerators)])]
    public bool ContentEquals_AnyChangedField_IsFalse(VersionContent content, ContentMutation mutation) =>
        !content.ContentEquals(Mutate(content, mutation));

    // Stored versions keep their hashes: if this changes, identical writes stop being recognized as no-ops.
    // The value was checked against an independent implementation of the documented encoding.
    [Fact]
    public void ComputeHash_KnownContent_HasThePinnedHash() =>
        Assert.Equal("a86b1043fd4b1b518dbb97f4c551071cfec00b1995aa9dd74334b84063216a42", Sample.ComputeHash());

    [Fact]
    public void ComputeHash_IsLowercaseHexSha256() =>
        Assert.Matches("^[0-9a-f]{64}$", Sample.ComputeHash());

    [Fact]
    public void ComputeHash_EqualContentInNewInstances_IsTheSame()
    {
        var copy = Sample with
        {
            Data = Sample.Data with { Tags = [.. Sample.Data.Tags] },
            Readers = [.. Sample.Readers],
            Overlays = new Dictionary<string, ContextData>(Sample.Overlays),
        };

        Assert.Equal(Sample.ComputeHash(), copy.ComputeHash());
    }

    [Fact]
    public void ComputeHash_AbsentAndEmptySummary_Differ() =>
        Assert.NotEqual(
            WithData(new ContextData { Summary = null }).ComputeHash(),
            WithData(new ContextData { Summary = "" }).ComputeHash());

    [Fact]
    public void ComputeHash_ItemBoundariesInsideAList_AreKept() =>
        Assert.NotEqual(
            WithData(new ContextData { Tags = ["ab"] }).ComputeHash(),
            WithData(new ContextData { Tags = ["a", "b"] }).ComputeHash());

    [Fact]
    public void ComputeHash_SameTextInSummaryOrPurpose_Differs() =>
        Assert.NotEqual(
            WithData(new ContextData { Summary = "x" }).ComputeHash(),
            WithData(new ContextData { Purpose = "x" }).ComputeHash());

    [Fact]
    public void ComputeHash_SameItemInTagsOrTechnologies_Differs() =>
        Assert.NotEqual(
            WithData(new ContextData { Tags = ["go"] }).ComputeHash(),
            WithData(new ContextData { Technologies = ["go"] }).ComputeHash());

    [Fact]
    public void ComputeHash_ListItemsInAnotherOrder_Differ() =>
        Assert.NotEqual(
            WithData(new ContextData { Insights = ["a", "b"] }).ComputeHash(),
            WithData(new ContextData { Insights = ["b", "a"] }).ComputeHash());

    [Fact]
    public void ComputeHash_AbsentAndEmptyOverlay_Differ() =>
        Assert.NotEqual(
            (Sample with { Overlays = new Dictionary<string, ContextData>() }).ComputeHash(),
            (Sample with { Overlays = new Dictionary<string, ContextData> { ["admin"] = ContextData.Empty } }).ComputeHash());

    [Fact]
    public void ComputeHash_ReaderListedTwice_IsTheSameAsListedOnce() =>
        Assert.Equal(
            Sample.ComputeHash(),
            (Sample with { Readers = ["senior_architect", "backend_developer", "senior_architect"] }).ComputeHash());

    [Fact]
    public void ComputeHash_LoneSurrogate_IsRejected() =>
        Assert.Throws<ArgumentException>(() => WithData(new ContextData { Summary = "\ud800" }).ComputeHash());

    [Fact]
    public void ContentEquals_Null_IsFalse() =>
        Assert.False(Sample.ContentEquals(null));

    private static VersionContent Permute(VersionContent content, int seed)
    {
        var random = new Random(seed);
        var readers = content.Readers.ToArray();
        random.Shuffle(readers);
        var roles = content.Overlays.Keys.ToArray();
        random.Shuffle(roles);
        return content with
        {
            Readers = readers,
            Overlays = roles.ToDictionary(role => role, role => content.Overlays[role]),
        };
    }

    private static VersionContent WithData(ContextData data) =>
        new(data, AccessLevel.Medium, [], new Dictionary<string, ContextData>());

    private static VersionContent Mutate(VersionContent content, ContentMutation mutation)
    {
        var data = content.Data;
        return mutation switch
        {
            ContentMutation.Summary => content with { Data = data with { Summary = data.Summary is null ? "" : data.Summary + "x" } },
            ContentMutation.Purpose => content with { Data = data with { Purpose = data.Purpose is null ? "" : data.Purpose + "x" } },
            ContentMutation.Technologies => content with { Data = data with { Technologies = [.. data.Technologies, "new"] } },
            ContentMutation.Tags => content with { Data = data with { Tags = [.. data.Tags, "new"] } },
            ContentMutation.Insights => content with { Data = data with { Insights = [.. data.Insights, "new"] } },
            ContentMutation.Classification => content with { Classification = (AccessLevel)(((int)content.Classification + 1) % 4) },
            ContentMutation.ReaderAdded => content with { Readers = [.. content.Readers, "new_role"] },
            ContentMutation.ReaderRemoved when content.Readers.Count > 0 =>
                content with { Readers = content.Readers.Where(reader => reader != content.Readers[0]).ToArray() },
            ContentMutation.ReaderRemoved => content with { Readers = ["new_role"] },
            ContentMutation.OverlayAdded => content with { Overlays = WithOverlay(content.Overlays, "new_role", ContextData.Empty) },
            ContentMutation.OverlayRemoved when content.Overlays.Count > 0 =>
                content with { Overlays = content.Overlays.Skip(1).ToDictionary() },
            ContentMutation.OverlayRemoved => content with { Overlays = WithOverlay(content.Overlays, "new_role", ContextData.Empty) },
            ContentMutation.OverlayChanged when content.Overlays.Count > 0 => ChangeFirstOverlay(content),
            ContentMutation.OverlayChanged => content with { Overlays = WithOverlay(content.Overlays, "new_role", new ContextData { Summary = "" }) },
            ContentMutation.ItemMovedBetweenLists when data.Technologies.Count > 0 =>
                content with { Data = data with { Technologies = data.Technologies.Skip(1).ToArray(), Tags = [data.Technologies[0], .. data.Tags] } },
            ContentMutation.ItemMovedBetweenLists => content with { Data = data with { Insights = [.. data.Insights, ""] } },
            ContentMutation.ItemsReordered => ReorderInsights(content),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };
    }

    // Reverses the insights; a list that reads the same reversed gets an item prepended instead.
    private static VersionContent ReorderInsights(VersionContent content)
    {
        var insights = content.Data.Insights;
        var reversed = insights.Reverse().ToArray();
        return content with
        {
            Data = content.Data with { Insights = reversed.SequenceEqual(insights) ? ["x", .. insights] : reversed },
        };
    }

    private static VersionContent ChangeFirstOverlay(VersionContent content)
    {
        var (role, overlay) = content.Overlays.First();
        return content with { Overlays = WithOverlay(content.Overlays, role, overlay with { Insights = [.. overlay.Insights, "new"] }) };
    }

    private static Dictionary<string, ContextData> WithOverlay(
        IReadOnlyDictionary<string, ContextData> overlays, string role, ContextData overlay) =>
        new(overlays) { [role] = overlay };
}
