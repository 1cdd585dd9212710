namespace Slurp.Domain.Crypto;

/// <summary>
/// What an envelope's ciphertext belongs to. It is bound as associated data, so ciphertext cannot be moved
/// to another node, version or layer: opening it under any other context fails authentication.
/// </summary>
/// <param name="NodeKey">The node's canonical key, <c>NodeKey.ToGrainKey()</c> (e.g. <c>node/p/t/src</c>).</param>
/// <param name="Version">The content version the envelope holds.</param>
/// <param name="Layer">The layer, e.g. <c>base</c> or a role overlay.</param>
public sealed record EnvelopeContext(string NodeKey, int Version, string Layer)
{
    /// <summary>The purpose label that starts the associated data of every v1 envelope.</summary>
    public const string Purpose = "slurp.envelope.v1";

    /// <summary>The node's canonical key, <c>NodeKey.ToGrainKey()</c> (e.g. <c>node/p/t/src</c>).</summary>
    public string NodeKey { get; } = AssociatedData.RequireText(NodeKey, nameof(NodeKey));

    /// <summary>The content version the envelope holds; not negative.</summary>
    public int Version { get; } = Version >= 0
        ? Version
        : throw new ArgumentOutOfRangeException(nameof(Version), Version, "the version must not be negative");

    /// <summary>The layer, e.g. <c>base</c> or a role overlay.</summary>
    public string Layer { get; } = AssociatedData.RequireText(Layer, nameof(Layer));

    /// <summary>
    /// The associated data for an envelope with <paramref name="header"/>: each field length-prefixed
    /// (u32 big-endian) or fixed-width, so no two contexts encode alike:
    /// <c>len‖"slurp.envelope.v1" ‖ len‖NodeKey ‖ i32 Version ‖ len‖Layer ‖ len‖header</c>.
    /// </summary>
    internal byte[] ToAssociatedData(ReadOnlySpan<byte> header)
    {
        var writer = new AssociatedData(
            AssociatedData.TextSize(Purpose) + AssociatedData.TextSize(NodeKey) + sizeof(int)
            + AssociatedData.TextSize(Layer) + AssociatedData.BytesSize(header));
        writer.WriteText(Purpose);
        writer.WriteText(NodeKey);
        writer.WriteInt32(Version);
        writer.WriteText(Layer);
        writer.WriteBytes(header);
        return writer.ToArray();
    }
}
