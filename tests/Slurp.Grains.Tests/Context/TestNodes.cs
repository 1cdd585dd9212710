using Slurp.Abstractions.Context;
using Slurp.Domain.Addresses;
using Slurp.Domain.Versions;

namespace Slurp.Grains.Tests.Context;

/// <summary>Unique node keys and ready-made node commands, so every test owns its nodes.</summary>
internal static class TestNodes
{
    public const string Writer = "alice:backend";

    /// <summary>The roles that read what <see cref="Content"/> writes.</summary>
    public static readonly string[] Roles = ["backend"];

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

    /// <summary>The one layer's content of a read, decrypted for <see cref="Roles"/>.</summary>
    public static async Task<ContextContent> ReadContentAsync(IContextNodeGrain node, TemporalRequest temporal, string[]? roles = null)
    {
        var result = await node.ReadAsync(BranchName.Main, temporal, roles ?? Roles);
        Assert.Equal(ReadStatus.Found, result.Status);
        return Assert.Single(result.Version!.Layers).Content!;
    }

    /// <summary>A role name no other test uses (so rotating its key touches no other test).</summary>
    public static string UniqueRole(string prefix = "r") => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A write of a base layer readable by <paramref name="readers"/>, plus any overlays.</summary>
    public static WriteCommand WriteFor(string[] readers, ContextContent content, params StoredLayer[] overlays) => new()
    {
        Branch = BranchName.Main,
        Content = new NodeContent
        {
            Classification = "medium",
            Readers = readers,
            Layers = [Layer("base", readers, content), .. overlays],
            ContentHash = "sha256-of-" + string.Join("|", new[] { content.Summary }.Concat(overlays.Select(o => o.Content?.Summary))),
        },
        Attribution = By(),
    };

    /// <summary>A plaintext layer as a write carries it.</summary>
    public static StoredLayer Layer(string name, string[] readers, ContextContent content) =>
        new() { LayerName = name, Readers = readers, Content = content };

    public static TemporalRequest Exact(int version) => new() { Kind = "Exact", N = version };

    public static int[] Numbers(IEnumerable<StoredVersion> versions) => [.. versions.Select(v => v.Version)];
}
