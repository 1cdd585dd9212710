using System.Collections.ObjectModel;
using System.Text;
using static System.FormattableString;

namespace Slurp.Domain.Addresses;

/// <summary>
/// A validated path of a context node inside a project: <c>/</c> is the project root, otherwise
/// <c>/seg1/seg2/…</c>. Segments are never empty, <c>.</c> or <c>..</c>, hold no control character and no
/// unpaired surrogate; the whole path is at most <see cref="MaxUtf8Bytes"/> bytes of UTF-8; the first segment
/// may not look like a temporal selector. Equality is ordinal on <see cref="Value"/> (no Unicode normalization).
/// </summary>
public sealed class NodePath : IEquatable<NodePath>
{
    /// <summary>The largest path accepted, in bytes of UTF-8.</summary>
    public const int MaxUtf8Bytes = 4096;

    private const char Separator = '/';

    private readonly ReadOnlyCollection<string> _segments;

    private NodePath(string value, string[] segments)
    {
        Value = value;
        _segments = Array.AsReadOnly(segments);
    }

    /// <summary>The project root, <c>/</c>.</summary>
    public static NodePath Root { get; } = new("/", []);

    /// <summary>The path text, e.g. <c>/src/api</c> (<c>/</c> for the root).</summary>
    public string Value { get; }

    /// <summary>The segments from the root down; empty for the root.</summary>
    public IReadOnlyList<string> Segments => _segments;

    /// <summary>The number of segments: 0 for the root, 2 for <c>/a/b</c>.</summary>
    public int Depth => _segments.Count;

    /// <summary>True for <c>/</c>.</summary>
    public bool IsRoot => _segments.Count == 0;

    /// <summary>The containing folder; null for the root.</summary>
    public NodePath? Parent => IsRoot ? null : Ancestor(Depth - 1);

    /// <summary>The last segment; empty for the root.</summary>
    public string Name => IsRoot ? string.Empty : _segments[^1];

    /// <summary>Parses and validates a path. Never throws: on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out NodePath? path, out string? error)
    {
        path = null;
        if (text is null)
        {
            error = "path is null";
            return false;
        }

        if (text.Length == 0)
        {
            error = "path is empty; the project root is '/'";
            return false;
        }

        if (text[0] != Separator)
        {
            error = "path must start with '/' (got " + AddressText.Quote(text) + ")";
            return false;
        }

        if (text.Length == 1)
        {
            path = Root;
            error = null;
            return true;
        }

        // Every character is at least one byte of UTF-8, so this bounds the work below.
        if (text.Length > MaxUtf8Bytes)
        {
            error = Invariant($"path is longer than {MaxUtf8Bytes} bytes of UTF-8");
            return false;
        }

        var segments = text[1..].Split(Separator);
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length == 0 && i == segments.Length - 1)
            {
                error = "path ends with '/': trailing slashes are not allowed";
                return false;
            }

            if (!TryValidateSegment(segments[i], i + 1, out error))
            {
                return false;
            }
        }

        if (!TryCheckSize(text, out error))
        {
            return false;
        }

        path = new NodePath(text, segments);
        return true;
    }

    /// <summary>Parses and validates a path.</summary>
    /// <exception cref="ArgumentException">When the path is not valid; the message says why.</exception>
    public static NodePath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path! : throw new ArgumentException(error, nameof(text));

    /// <summary>
    /// Every ancestor from the root down to the parent, excluding this path:
    /// <c>/a/b/c</c> gives <c>/</c>, <c>/a</c>, <c>/a/b</c>; the root gives nothing.
    /// </summary>
    public IReadOnlyList<NodePath> AncestorsFromRoot()
    {
        var ancestors = new NodePath[Depth];
        for (var depth = 0; depth < Depth; depth++)
        {
            ancestors[depth] = Ancestor(depth);
        }

        return ancestors;
    }

    /// <summary>The path one level below this one, named <paramref name="segment"/>.</summary>
    /// <exception cref="ArgumentException">When the segment (or the resulting path) is not valid.</exception>
    public NodePath Child(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var index = Depth + 1;
        var slash = segment.IndexOf(Separator, StringComparison.Ordinal);
        if (slash >= 0)
        {
            throw new ArgumentException(
                Invariant($"path segment {index} {AddressText.Quote(segment)} contains '/' at position {slash + 1}; a child is one segment"),
                nameof(segment));
        }

        var value = IsRoot ? "/" + segment : Value + "/" + segment;
        if (!TryValidateSegment(segment, index, out var error) || !TryCheckSize(value, out error))
        {
            throw new ArgumentException(error, nameof(segment));
        }

        return new NodePath(value, [.. _segments, segment]);
    }

    /// <summary>True when this path is <paramref name="other"/> or lies anywhere below it.</summary>
    public bool IsSameOrBelow(NodePath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsRoot)
        {
            return true;
        }

        return Value.Length == other.Value.Length
            ? string.Equals(Value, other.Value, StringComparison.Ordinal)
            : Value.Length > other.Value.Length
                && Value[other.Value.Length] == Separator
                && Value.StartsWith(other.Value, StringComparison.Ordinal);
    }

    /// <summary>Ordinal equality of <see cref="Value"/>.</summary>
    public bool Equals(NodePath? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NodePath);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The path text, <see cref="Value"/>.</summary>
    public override string ToString() => Value;

    /// <summary>Ordinal equality of the two paths' values.</summary>
    public static bool operator ==(NodePath? left, NodePath? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Ordinal inequality of the two paths' values.</summary>
    public static bool operator !=(NodePath? left, NodePath? right) => !(left == right);

    /// <summary>Checks one segment; <paramref name="index"/> is 1-based and names the segment in the error.</summary>
    private static bool TryValidateSegment(string segment, int index, out string? error)
    {
        if (segment.Length == 0)
        {
            error = Invariant($"path segment {index} is empty: '//' is not allowed");
            return false;
        }

        if (segment is "." or "..")
        {
            error = Invariant($"path segment {index} is '{segment}': relative segments are not allowed");
            return false;
        }

        var bad = AddressText.IndexOfInvalidChar(segment, out var isSurrogate);
        if (bad >= 0)
        {
            var what = isSurrogate ? "an unpaired UTF-16 surrogate" : "control character";
            error = Invariant(
                $"path segment {index} {AddressText.Quote(segment)} contains {what} {AddressText.CodeUnit(segment[bad])} at position {bad + 1}");
            return false;
        }

        if (index == 1 && TemporalSelector.LooksTemporal(segment))
        {
            error = "path segment 1 " + AddressText.Quote(segment)
                + " looks like a temporal selector (it starts with '*', '~~', '^^' or 'YYYY-MM-DDT'), "
                + "so an address could not tell it from one";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryCheckSize(string value, out string? error)
    {
        // Only called on text already free of lone surrogates, so the count is exact.
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > MaxUtf8Bytes)
        {
            error = Invariant($"path is {bytes} bytes of UTF-8; at most {MaxUtf8Bytes} are allowed");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The ancestor (or self) made of the first <paramref name="depth"/> segments.</summary>
    private NodePath Ancestor(int depth)
    {
        if (depth == 0)
        {
            return Root;
        }

        if (depth == Depth)
        {
            return this;
        }

        var length = 0;
        for (var i = 0; i < depth; i++)
        {
            length += 1 + _segments[i].Length;
        }

        return new NodePath(Value[..length], [.. _segments.Take(depth)]);
    }
}
