using System.Diagnostics.CodeAnalysis;
using Slurp.Domain.Access;
using Slurp.Domain.Context;

using Slurp.Domain.Crypto;

namespace Slurp.Domain.Versions;

/// <summary>
/// The content of one version that its <see cref="IVersionEntry.ContentHash"/> covers: the node's own layer,
/// its classification, the roles it is encrypted for and the per-role overlays. Two writes with the same
/// content are the same version (API.md: an identical write is a no-op).
/// <see cref="Readers"/> is a set (order and duplicates do not matter) and <see cref="Overlays"/> is keyed by
/// role; the lists inside each <see cref="ContextData"/> are ordered and keep duplicates.
/// Record equality compares the lists by reference; use <see cref="ContentEquals"/> or the hash.
/// </summary>
/// <param name="Data">The node's own layer (<c>context_data</c>).</param>
/// <param name="Classification">How sensitive the version is.</param>
/// <param name="Readers">The roles the version is encrypted for (<c>encrypted_for_roles</c>).</param>
/// <param name="Overlays">Role name → the overlay layer only that role sees (<c>role_overlays</c>).</param>
public sealed record VersionContent(
    ContextData Data,
    AccessLevel Classification,
    IReadOnlyList<string> Readers,
    IReadOnlyDictionary<string, ContextData> Overlays)
{
    // Bump the tag if the encoding ever changes, so old and new hashes can never collide.
    internal const string EncodingTag = "slurp.version-content.v1";


    /// <summary>
    /// The lowercase hex SHA-256 of a canonical encoding of the content: every string as a 4-byte big-endian
    /// UTF-8 length and its bytes; a marker byte tells an absent summary or purpose from an empty one; lists as
    /// a count and their items in order; the classification by its wire name; readers distinct and sorted
    /// ordinally; overlays sorted by role (ordinal). Equal content gives an equal hash whatever the order of
    /// readers or overlays; any other difference gives a different hash.
    /// </summary>
    /// <exception cref="ArgumentException">Some text is not valid Unicode (a lone surrogate) and has no UTF-8 form.</exception>
    public string ComputeHash()
    {
        ArgumentNullException.ThrowIfNull(Data);
        ArgumentNullException.ThrowIfNull(Readers);
        ArgumentNullException.ThrowIfNull(Overlays);

        using var hash = new CanonicalHasher();
        hash.AppendString(EncodingTag);
        AppendLayer(hash, Data);
        hash.AppendString(AccessLevels.ToWire(Classification));
        hash.AppendStrings(CanonicalReaders(Readers));

        var roles = Overlays.Keys.Order(StringComparer.Ordinal).ToArray();
        hash.AppendCount(roles.Length);
        foreach (var role in roles)
        {
            hash.AppendString(role);
            AppendLayer(hash, Overlays[role]);
        }

        return hash.ToHexAndReset();
    }

    /// <summary>
    /// Structural equality under the same rules as <see cref="ComputeHash"/>: equal layers, classification,
    /// the same set of readers, and the same roles with equal overlays.
    /// </summary>
    public bool ContentEquals([NotNullWhen(true)] VersionContent? other)
    {
        if (other is null
            || Classification != other.Classification
            || !Data.ContentEquals(other.Data)
            || !CanonicalReaders(Readers).SequenceEqual(CanonicalReaders(other.Readers), StringComparer.Ordinal)
            || Overlays.Count != other.Overlays.Count)
        {
            return false;
        }

        foreach (var (role, overlay) in Overlays)
        {
            if (!other.Overlays.TryGetValue(role, out var otherOverlay) || !overlay.ContentEquals(otherOverlay))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] CanonicalReaders(IReadOnlyList<string> readers) =>
        readers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private static void AppendLayer(CanonicalHasher hash, ContextData layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        hash.AppendOptionalString(layer.Summary);
        hash.AppendOptionalString(layer.Purpose);
        hash.AppendStrings(layer.Technologies);
        hash.AppendStrings(layer.Tags);
        hash.AppendStrings(layer.Insights);
    }

}
