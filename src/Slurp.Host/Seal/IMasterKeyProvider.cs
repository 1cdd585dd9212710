namespace Slurp.Host.Seal;

/// <summary>
/// The auto-unseal seam: something outside the cluster that can hand this silo the master key at start
/// (the dev key file; or a cloud KMS such as Azure Key Vault unwrapping a stored wrapped master key —
/// see docs/security.md). Shamir mode registers none: the key exists only as shares.
/// </summary>
public interface IMasterKeyProvider
{
    /// <summary>A name for logs and seal-status, e.g. "dev-key-file".</summary>
    string Name { get; }

    /// <summary>
    /// The 32-byte master key, creating it when <paramref name="createIfMissing"/> and none exists yet
    /// (first start). The caller zeroes the returned array.
    /// </summary>
    Task<byte[]> GetMasterKeyAsync(bool createIfMissing, CancellationToken cancellationToken);
}
