namespace Slurp.Domain.Crypto;

/// <summary>
/// What a wrapped key is for. It is bound as associated data, so a wrapped key cannot be swapped for
/// another purpose, subject or key version: unwrapping under any other context fails authentication.
/// </summary>
/// <param name="Purpose">What kind of key is wrapped, e.g. <c>data-key</c> or <c>role-key</c>.</param>
/// <param name="Subject">
/// Whose key it is, e.g. <c>role:backend_developer|node/p/t/src|v3|base</c> for a data key or
/// <c>backend_developer</c> for a role key.
/// </param>
/// <param name="KeyVersion">The version of the wrapping key (the role key version for a data key) or of the role key.</param>
public sealed record WrapContext(string Purpose, string Subject, int KeyVersion)
{
    /// <summary>The label that starts the associated data of every v1 wrapped key.</summary>
    public const string Label = "slurp.keywrap.v1";

    /// <summary>What kind of key is wrapped, e.g. <c>data-key</c> or <c>role-key</c>.</summary>
    public string Purpose { get; } = AssociatedData.RequireText(Purpose, nameof(Purpose));

    /// <summary>Whose key it is, e.g. a role name, or role, node, version and layer for a data key.</summary>
    public string Subject { get; } = AssociatedData.RequireText(Subject, nameof(Subject));

    /// <summary>The key version; not negative.</summary>
    public int KeyVersion { get; } = KeyVersion >= 0
        ? KeyVersion
        : throw new ArgumentOutOfRangeException(nameof(KeyVersion), KeyVersion, "the key version must not be negative");

    /// <summary>
    /// The associated data for a wrapped key whose format byte is <paramref name="format"/>:
    /// <c>len‖"slurp.keywrap.v1" ‖ len‖Purpose ‖ len‖Subject ‖ i32 KeyVersion ‖ len‖format</c>.
    /// </summary>
    internal byte[] ToAssociatedData(ReadOnlySpan<byte> format)
    {
        var writer = new AssociatedData(
            AssociatedData.TextSize(Label) + AssociatedData.TextSize(Purpose) + AssociatedData.TextSize(Subject)
            + sizeof(int) + AssociatedData.BytesSize(format));
        writer.WriteText(Label);
        writer.WriteText(Purpose);
        writer.WriteText(Subject);
        writer.WriteInt32(KeyVersion);
        writer.WriteBytes(format);
        return writer.ToArray();
    }
}
