using Slurp.Abstractions.Context;

namespace Slurp.Grains.Context;

/// <summary>The persisted state of one context node.</summary>
[GenerateSerializer, Alias("slurp.ContextNodeState")]
public sealed class ContextNodeState
{
    /// <summary>Every version of every branch, in append order (ascending version).</summary>
    [Id(0)] public List<StoredVersion> Versions { get; set; } = [];

    /// <summary>Branch name → head version.</summary>
    [Id(1)] public Dictionary<string, int> BranchHeads { get; set; } = [];

    /// <summary>Direct child segment names, ordinal order.</summary>
    [Id(2)] public List<string> Children { get; set; } = [];

    /// <summary>Recent Idempotency-Key answers, oldest first.</summary>
    [Id(3)] public List<IdempotencyRecord> Idempotency { get; set; } = [];

    /// <summary>True once this node is in its parent's children list.</summary>
    [Id(4)] public bool RegisteredWithParent { get; set; }

    /// <summary>Versions up to this number were crypto-shredded (0 = none).</summary>
    [Id(5)] public int ShreddedThrough { get; set; }

    /// <summary>
    /// Not serialized: position i holds the version object storage last read or wrote at <see cref="Versions"/>[i]
    /// (null: none), so a write stores only versions that are new or replaced (<see cref="Storage.NodeStateRows"/>)
    /// after one reference comparison per version. Null: nothing is known to be stored.
    /// </summary>
    internal List<StoredVersion?>? PersistedVersions
    {
        get => _persistedVersions;
        set => _persistedVersions = value;
    }

    [NonSerialized]
    private List<StoredVersion?>? _persistedVersions;

    /// <summary>The version with this number, or null.</summary>
    public StoredVersion? Find(int version) => IndexOf(version) is var index and >= 0 ? Versions[index] : null;

    /// <summary>The position of the version with this number in <see cref="Versions"/>, or -1.</summary>
    public int IndexOf(int version)
    {
        // Versions are appended in ascending order, so the number is (almost always) the index + 1.
        var index = version - 1;
        if (index >= 0 && index < Versions.Count && Versions[index].Version == version)
        {
            return index;
        }

        return Versions.FindIndex(v => v.Version == version);
    }
}
