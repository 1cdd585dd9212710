using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Slurp.Bench.Http;

/// <summary>
/// <c>context_data</c> objects of an exact size in bytes, made of plausible text (a summary, a purpose,
/// technologies, tags and one long insight that pads to the size). All ASCII, so characters = bytes.
/// </summary>
internal static class ContextPayload
{
    private const string Slot = "@@SEQUENCE@";

    private const string Filler =
        "Handlers stay thin and validate at the edge; the grain owns the version and the storage fences stale writers. "
        + "Reads resolve through the ancestors like a CSS cascade, limited to what the role may know. ";

    /// <summary>A context_data object of exactly <paramref name="bytes"/> bytes once serialized.</summary>
    public static string Create(int bytes, string summary, string purpose, string[] technologies, string[] tags)
    {
        var bare = Serialize(summary, purpose, technologies, tags, string.Empty);
        var pad = bytes - Encoding.UTF8.GetByteCount(bare);
        if (pad < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"the fixed fields alone take {bare.Length} bytes");
        }

        var insight = new StringBuilder(pad);
        while (insight.Length < pad)
        {
            insight.Append(Filler, 0, Math.Min(Filler.Length, pad - insight.Length));
        }

        var json = Serialize(summary, purpose, technologies, tags, insight.ToString());
        return Encoding.UTF8.GetByteCount(json) == bytes
            ? json
            : throw new InvalidOperationException($"payload came out at {json.Length} bytes, not {bytes}");
    }

    /// <summary>
    /// A PUT body whose summary carries a sequence number in a fixed-width slot, split around that slot so
    /// each request costs two copies and ten digits instead of a serialization.
    /// </summary>
    public static WriteBodyTemplate WriteTemplate(int bytes, int worker) => Template(
        bytes,
        summary: $"Benchmark node {Slot} written by worker {worker.ToString("D3", CultureInfo.InvariantCulture)}",
        purpose: "Measures the durable write path: validation, cascade diff, grain append, group-committed fsync.",
        tags: ["bench", "write-load"]);

    /// <summary>
    /// The body of an update: like <see cref="WriteTemplate"/>, but its text differs from every body that
    /// template renders, so the first update of a node created from it (same number) is still new content
    /// and not answered 200 "unchanged" without a version.
    /// </summary>
    public static WriteBodyTemplate UpdateTemplate(int bytes, int worker) => Template(
        bytes,
        summary: $"Benchmark revision {Slot} by worker {worker.ToString("D3", CultureInfo.InvariantCulture)}",
        purpose: "Measures a new version of an existing node: the version bump pgbench's UPSERT makes.",
        tags: ["bench", "update-load"]);

    /// <summary>The PUT body of one level of the read chain: compact above, the full payload at the bottom.</summary>
    public static string ChainLevelBody(int level, int depth, int bytes)
    {
        var data = level == depth
            ? Create(
                bytes,
                summary: $"Deepest node of the read chain (level {level})",
                purpose: "Read benchmark target: resolved through every ancestor on each GET.",
                technologies: ["csharp", $"tech-{level}"],
                tags: ["bench", $"level-{level}"])
            : new JsonObject
            {
                ["summary"] = $"Folder at level {level} of the read chain",
                ["purpose"] = $"Contributes one technology, tag and insight of its own (level {level}).",
                ["technologies"] = new JsonArray("csharp", $"tech-{level}"),
                ["tags"] = new JsonArray("bench", $"level-{level}"),
                ["insights"] = new JsonArray($"Decision recorded at level {level}: keep the public surface small."),
            }.ToJsonString();
        return $$"""{"context_data":{{data}},"change_reason":"initial_creation"}""";
    }

    private static WriteBodyTemplate Template(int bytes, string summary, string purpose, string[] tags)
    {
        var data = Create(bytes, summary, purpose, technologies: ["csharp", "orleans", "sqlite"], tags);
        var body = $$"""{"context_data":{{data}},"change_reason":"code_change"}""";
        var at = body.IndexOf(Slot, StringComparison.Ordinal);
        return new WriteBodyTemplate(Encoding.UTF8.GetBytes(body[..at]), Encoding.UTF8.GetBytes(body[(at + Slot.Length)..]), Slot.Length);
    }

    private static string Serialize(string summary, string purpose, string[] technologies, string[] tags, string insight) =>
        new JsonObject
        {
            ["summary"] = summary,
            ["purpose"] = purpose,
            ["technologies"] = new JsonArray([.. technologies.Select(t => JsonValue.Create(t))]),
            ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
            ["insights"] = new JsonArray(insight),
        }.ToJsonString();
}

/// <summary>A write body split around a fixed-width slot for the sequence number.</summary>
internal sealed class WriteBodyTemplate(byte[] prefix, byte[] suffix, int slotWidth)
{
    /// <summary>The body with <paramref name="sequence"/> zero-padded into the slot.</summary>
    public byte[] Render(long sequence)
    {
        var body = new byte[prefix.Length + slotWidth + suffix.Length];
        prefix.CopyTo(body, 0);
        var digits = sequence.ToString(new string('0', slotWidth), CultureInfo.InvariantCulture);
        Encoding.ASCII.GetBytes(digits, body.AsSpan(prefix.Length, slotWidth));
        suffix.CopyTo(body, prefix.Length + slotWidth);
        return body;
    }
}
