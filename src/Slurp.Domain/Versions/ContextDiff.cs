using System.Collections.ObjectModel;
using Slurp.Domain.Access;
using Slurp.Domain.Context;

namespace Slurp.Domain.Versions;

/// <summary>
/// What changed between two versions' content, per field (API.md <c>/v1/context/diff</c>). Keys are the
/// snake_case field names: <c>summary</c>, <c>purpose</c>, <c>classification</c>, <c>technologies</c>,
/// <c>tags</c>, <c>insights</c>, <c>encrypted_for_roles</c>, and for overlays
/// <c>role_overlays.{role}.{field}</c> with field one of the five layer fields. Only changed fields appear.
/// <list type="bullet">
/// <item>A scalar field (<c>summary</c>, <c>purpose</c>, <c>classification</c> by wire name) set where it was
/// absent is in <see cref="Added"/> with its new value (a <see cref="string"/>); one that became absent is in
/// <see cref="Removed"/> with its old value; one whose value changed is in <see cref="Changed"/> as a
/// <see cref="ScalarChange"/>. An empty string is a value, distinct from absent.</item>
/// <item>A list field is compared as a set: the items only the newer version holds are in <see cref="Added"/>
/// and the items only the older one holds are in <see cref="Removed"/>, each as an
/// <see cref="IReadOnlyList{T}"/> of <see cref="string"/> in the order of the list it comes from, without
/// duplicates. Reordering or duplicating items is not a change here (though it changes the content hash).</item>
/// <item>An overlay that exists on one side only is compared with an empty layer.</item>
/// </list>
/// Entries are ordered as listed above, overlays by role (ordinal); no entries at all means no change. The record
/// has no other public properties, so with a snake_case JSON naming policy it serializes as
/// <c>{ "added": { "summary": "new", "tags": ["x"] }, "removed": { ... },
/// "changed": { "purpose": { "from": "a", "to": "b" } } }</c>.
/// </summary>
/// <param name="Added">Field → the new scalar value (<see cref="string"/>) or the added items (<see cref="IReadOnlyList{T}"/> of <see cref="string"/>).</param>
/// <param name="Removed">Field → the old scalar value (<see cref="string"/>) or the removed items (<see cref="IReadOnlyList{T}"/> of <see cref="string"/>).</param>
/// <param name="Changed">Scalar field → its old and new value.</param>
public sealed record ContextDiff(
    IReadOnlyDictionary<string, object> Added,
    IReadOnlyDictionary<string, object> Removed,
    IReadOnlyDictionary<string, ScalarChange> Changed)
{
    /// <summary>The field name of <see cref="ContextData.Summary"/>.</summary>
    public const string SummaryField = "summary";

    /// <summary>The field name of <see cref="ContextData.Purpose"/>.</summary>
    public const string PurposeField = "purpose";

    /// <summary>The field name of <see cref="VersionContent.Classification"/>.</summary>
    public const string ClassificationField = "classification";

    /// <summary>The field name of <see cref="ContextData.Technologies"/>.</summary>
    public const string TechnologiesField = "technologies";

    /// <summary>The field name of <see cref="ContextData.Tags"/>.</summary>
    public const string TagsField = "tags";

    /// <summary>The field name of <see cref="ContextData.Insights"/>.</summary>
    public const string InsightsField = "insights";

    /// <summary>The field name of <see cref="VersionContent.Readers"/>.</summary>
    public const string ReadersField = "encrypted_for_roles";

    /// <summary>The prefix of overlay fields: <c>role_overlays.{role}.{field}</c>.</summary>
    public const string OverlaysPrefix = "role_overlays";

    /// <summary>The per-field difference from <paramref name="from"/> (older) to <paramref name="to"/> (newer).</summary>
    public static ContextDiff Compute(VersionContent from, VersionContent to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var builder = new Builder();

        builder.Scalar(SummaryField, from.Data.Summary, to.Data.Summary);
        builder.Scalar(PurposeField, from.Data.Purpose, to.Data.Purpose);
        builder.Scalar(
            ClassificationField, AccessLevels.ToWire(from.Classification), AccessLevels.ToWire(to.Classification));
        builder.List(TechnologiesField, from.Data.Technologies, to.Data.Technologies);
        builder.List(TagsField, from.Data.Tags, to.Data.Tags);
        builder.List(InsightsField, from.Data.Insights, to.Data.Insights);
        builder.List(ReadersField, from.Readers, to.Readers);

        var roles = from.Overlays.Keys.Union(to.Overlays.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var before = from.Overlays.GetValueOrDefault(role) ?? ContextData.Empty;
            var after = to.Overlays.GetValueOrDefault(role) ?? ContextData.Empty;
            var prefix = $"{OverlaysPrefix}.{role}.";
            builder.Scalar(prefix + SummaryField, before.Summary, after.Summary);
            builder.Scalar(prefix + PurposeField, before.Purpose, after.Purpose);
            builder.List(prefix + TechnologiesField, before.Technologies, after.Technologies);
            builder.List(prefix + TagsField, before.Tags, after.Tags);
            builder.List(prefix + InsightsField, before.Insights, after.Insights);
        }

        return builder.Build();
    }

    // Collects entries in insertion order; OrderedDictionary keeps that order for serialization.
    private sealed class Builder
    {
        private readonly OrderedDictionary<string, object> _added = new(StringComparer.Ordinal);
        private readonly OrderedDictionary<string, object> _removed = new(StringComparer.Ordinal);
        private readonly OrderedDictionary<string, ScalarChange> _changed = new(StringComparer.Ordinal);

        public void Scalar(string field, string? from, string? to)
        {
            switch (from, to)
            {
                case (null, null):
                    break;
                case (null, { } added):
                    _added.Add(field, added);
                    break;
                case ({ } removed, null):
                    _removed.Add(field, removed);
                    break;
                case ({ } before, { } after) when !string.Equals(before, after, StringComparison.Ordinal):
                    _changed.Add(field, new ScalarChange(before, after));
                    break;
            }
        }

        public void List(string field, IReadOnlyList<string> from, IReadOnlyList<string> to)
        {
            var added = Except(to, from);
            if (added.Count > 0)
            {
                _added.Add(field, added);
            }

            var removed = Except(from, to);
            if (removed.Count > 0)
            {
                _removed.Add(field, removed);
            }
        }

        public ContextDiff Build() => new(
            new ReadOnlyDictionary<string, object>(_added),
            new ReadOnlyDictionary<string, object>(_removed),
            new ReadOnlyDictionary<string, ScalarChange>(_changed));

        // The distinct items of source that other lacks, in source order.
        private static ReadOnlyCollection<string> Except(IReadOnlyList<string> source, IReadOnlyList<string> other)
        {
            var excluded = new HashSet<string>(other, StringComparer.Ordinal);
            var result = new List<string>();
            foreach (var item in source)
            {
                if (excluded.Add(item))
                {
                    result.Add(item);
                }
            }

            return result.AsReadOnly();
        }
    }
}
