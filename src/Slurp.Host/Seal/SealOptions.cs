namespace Slurp.Host.Seal;

/// <summary>How this process protects and obtains the master key (section <c>Slurp:Seal</c>).</summary>
public sealed class SealOptions
{
    /// <summary>
    /// <c>dev</c>: the master key lives in <c>&lt;DataDir&gt;/master.key</c> (mode 0600) and the silo unseals
    /// itself at start — convenient and INSECURE (whoever reads the data directory reads everything).
    /// <c>shamir</c>: the master key exists only as K-of-N shares given out at <c>POST /v1/sys/init</c>;
    /// each silo starts sealed until K shares reach it.
    /// <c>auto</c>: an installed <see cref="IMasterKeyProvider"/> (for example a KMS) supplies the key at start.
    /// </summary>
    /// <remarks>Unset: <c>shamir</c> on the Postgres cluster profile, <c>dev</c> on the embedded default.</remarks>
    public string? Mode { get; set; }

    /// <summary>Shamir mode: files holding one base64 share each, submitted at start (auto-unseal of a silo).</summary>
    public List<string> UnsealKeyFiles { get; set; } = [];
}
