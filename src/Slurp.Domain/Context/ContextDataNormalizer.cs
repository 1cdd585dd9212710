using System.Text;

namespace Slurp.Domain.Context;

/// <summary>
/// Checks and normalizes submitted <see cref="ContextData"/> before it is stored. Nothing is trimmed or
/// rewritten except that exact duplicates in a list are dropped (the first occurrence stays).
/// </summary>
public static class ContextDataNormalizer
{
    /// <summary>The largest summary or purpose accepted, in UTF-8 bytes (64 KiB).</summary>
    public const int MaxTextBytes = 64 * 1024;

    /// <summary>The most items accepted in one list (technologies, tags or insights).</summary>
    public const int MaxListItems = 1000;

    /// <summary>The field path prefix of a node's own layer in the API body.</summary>
    public const string DefaultFieldPrefix = "context_data";

    /// <summary>
    /// Validates <paramref name="data"/> (see <see cref="Validate"/>) and removes duplicate list items
    /// (see <see cref="RemoveDuplicates"/>).
    /// </summary>
    /// <param name="data">The submitted layer.</param>
    /// <param name="fieldPrefix">
    /// The path of the layer in the request: <see cref="DefaultFieldPrefix"/> for the node's own layer,
    /// <c>role_overlays.{role}</c> for an overlay.
    /// </param>
    public static NormalizedContextData Normalize(ContextData data, string fieldPrefix = DefaultFieldPrefix) =>
        new(RemoveDuplicates(data), Validate(data, fieldPrefix));

    /// <summary>
    /// <paramref name="data"/> with exact (ordinal) duplicates removed from each list, the first occurrence kept
    /// and the order otherwise unchanged. A null list (possible after deserialization) becomes empty.
    /// </summary>
    public static ContextData RemoveDuplicates(ContextData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data with
        {
            Technologies = Distinct(data.Technologies),
            Tags = Distinct(data.Tags),
            Insights = Distinct(data.Insights),
        };
    }

    /// <summary>
    /// The problems in <paramref name="data"/>, each keyed by its snake_case field path
    /// (<c>context_data.summary</c>, <c>context_data.tags</c>, <c>context_data.tags[3]</c>), in field order;
    /// empty when the data is valid. Messages never echo the content.
    /// </summary>
    /// <param name="data">The submitted layer.</param>
    /// <param name="fieldPrefix">
    /// The path of the layer in the request: <see cref="DefaultFieldPrefix"/> for the node's own layer,
    /// <c>role_overlays.{role}</c> for an overlay.
    /// </param>
    /// <remarks>
    /// Rules: summary and purpose at most <see cref="MaxTextBytes"/> UTF-8 bytes; lists not null and at most
    /// <see cref="MaxListItems"/> items (an over-long list is reported once and its items are not checked); each
    /// item not null, not empty and not <c>!</c> alone; no text holds control characters other than
    /// <c>\n</c>, <c>\r</c> and <c>\t</c>, nor unpaired UTF-16 surrogates. Nothing is trimmed.
    /// </remarks>
    public static IReadOnlyList<ContextDataError> Validate(ContextData data, string fieldPrefix = DefaultFieldPrefix)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fieldPrefix);

        var errors = new List<ContextDataError>();
        void Add(string field, string message) => errors.Add(new ContextDataError(field, message));

        ValidateText(data.Summary, $"{fieldPrefix}.summary", Add);
        ValidateText(data.Purpose, $"{fieldPrefix}.purpose", Add);
        ValidateList(data.Technologies, $"{fieldPrefix}.technologies", Add);
        ValidateList(data.Tags, $"{fieldPrefix}.tags", Add);
        ValidateList(data.Insights, $"{fieldPrefix}.insights", Add);
        return errors.AsReadOnly();
    }

    private static void ValidateText(string? text, string field, Action<string, string> add)
    {
        if (text is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxTextBytes)
        {
            add(field, $"must be at most {MaxTextBytes} bytes of UTF-8, got {bytes}.");
        }

        ValidateCharacters(text, field, add);
    }

    private static void ValidateList(IReadOnlyList<string>? items, string field, Action<string, string> add)
    {
        // Deserialized JSON can carry null where the type says otherwise.
        if (items is null)
        {
            add(field, "must be a list of strings, not null.");
            return;
        }

        if (items.Count > MaxListItems)
        {
            add(field, $"must hold at most {MaxListItems} items, got {items.Count}.");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemField = $"{field}[{i}]";
            if (item is null)
            {
                add(itemField, "must be a string, not null.");
            }
            else if (item.Length == 0)
            {
                add(itemField, "must not be empty.");
            }
            else if (item == "!")
            {
                add(itemField, "'!' alone names nothing to remove; write '!value'.");
            }
            else
            {
                ValidateCharacters(item, itemField, add);
            }
        }
    }

    private static void ValidateCharacters(string text, string field, Action<string, string> add)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                add(field, $"must not contain control character U+{(int)c:X4} (at index {i}); only \\n, \\r and \\t are allowed.");
                return;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                add(field, $"must not contain an unpaired UTF-16 surrogate (at index {i}).");
                return;
            }
        }
    }

    private static IReadOnlyList<string> Distinct(IReadOnlyList<string>? items)
    {
        if (items is null)
        {
            return [];
        }

        var seen = new HashSet<string>(items.Count, StringComparer.Ordinal);
        var kept = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (seen.Add(item))
            {
                kept.Add(item);
            }
        }

        return kept.Count == items.Count ? items : kept.AsReadOnly();
    }
}
