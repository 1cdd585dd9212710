using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Domain.Versions;

namespace Slurp.Grains.Tests.Context;

/// <summary>Unique node keys and ready-made node commands, so every test owns its nodes.</summary>
internal static class TestNodes
{
    public const string Writer = "alice:backend";

    /// <summary>A key in a project no other test uses.</summary>
    public static NodeKey UniqueKey(string path = "/src/x") =>
        new("p" + Guid.NewGuid().ToString("N")[..12], "t", NodePath.Parse(path));

    /// <summary>A node no other test touches.</summary>
    public static IContextNodeGrain Fresh(IGrainFactory grains, string path = "/src/x") =>
        grains.GetGrain<IContextNodeGrain>(UniqueKey(path).ToGrainKey());

    public static IContextNodeGrain Node(IGrainFactory grains, NodeKey key) =>
        grains.GetGrain<IContextNodeGrain>(key.ToGrainKey());

    public static Attribution By(string changeReason = "code_change", string? idempotencyKey = null, string? fingerprint = null) => new()
    {
        CreatedBy = Writer,
        ChangeReason = changeReason,
        IdempotencyKey = idempotencyKey,
        RequestFingerprint = fingerprint,
    };

    /// <summary>A write whose content is identified by <paramref name="contentHash"/>.</summary>
    public static WriteCommand Write(
        string contentHash, int? expectedVersion = null, string branch = BranchName.Main, Attribution? attribution = null) => new()
    {
        Branch = branch,
        ExpectedVersion = expectedVersion,
        Content = Content(contentHash),
        Attribution = attribution ?? By(),
    };

    public static NodeContent Content(string contentHash) => new()
    {
        Classification = "medium",
        Readers = ["backend"],
        Layers =
        [
            new StoredLayer
            {
                LayerName = "base",
                Readers = ["backend"],
                Content = new ContextContent { Summary = "summary " + contentHash, Tags = ["tag-" + contentHash] },
            },
        ],
        ContentHash = contentHash,
    };

    public static TemporalRequest Exact(int version) => new() { Kind = "Exact", N = version };

    public static int[] Numbers(IEnumerable<StoredVersion> versions) => [.. versions.Select(v => v.Version)];
}
