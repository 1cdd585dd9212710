using System.Diagnostics.CodeAnalysis;

namespace Slurp.Domain.Versions;

/// <summary>
/// The answer of <see cref="VersionHistory.Select{T}"/>: the selected version, or a human-readable
/// <see cref="Detail"/> saying why there is none (the <c>detail</c> of the API's 404). A tombstone is a
/// found version; deciding that it reads as "gone" is the caller's job.
/// </summary>
/// <typeparam name="T">The stored version type.</typeparam>
public sealed record VersionSelection<T>
    where T : IVersionEntry
{
    private VersionSelection(bool found, T? entry, string? detail)
    {
        IsFound = found;
        Entry = entry;
        Detail = detail;
    }

    /// <summary>True when a version was selected.</summary>
    [MemberNotNullWhen(true, nameof(Entry))]
    [MemberNotNullWhen(false, nameof(Detail))]
    public bool IsFound { get; }

    /// <summary>The selected version when <see cref="IsFound"/>; otherwise the default.</summary>
    public T? Entry { get; }

    /// <summary>Why nothing was selected, e.g. "version 9 does not exist; the latest is 4"; null when found.</summary>
    public string? Detail { get; }

    /// <summary>A selection of <paramref name="entry"/>.</summary>
    public static VersionSelection<T> Of(T entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(true, entry, null);
    }

    /// <summary>No version, for the reason in <paramref name="detail"/>.</summary>
    public static VersionSelection<T> NotFound(string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        return new(false, default, detail);
    }
}
