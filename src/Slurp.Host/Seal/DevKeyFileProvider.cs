using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Slurp.Domain.Crypto;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;

namespace Slurp.Host.Seal;

/// <summary>
/// Dev mode's master key: base64 in <c>&lt;DataDir&gt;/master.key</c> (mode 0600). Anyone who can read the data
/// directory can decrypt everything, which is why dev mode is logged as insecure and lowers the security score.
/// </summary>
public sealed class DevKeyFileProvider(IOptions<SlurpOptions> options) : IMasterKeyProvider
{
    public string Name => "dev-key-file";

    public string KeyFile => Path.Combine(Path.GetFullPath(options.Value.DataDir), "master.key");

    public async Task<byte[]> GetMasterKeyAsync(bool createIfMissing, CancellationToken cancellationToken)
    {
        var master = new byte[MasterKeyDerivation.MasterKeyLength];
        if (File.Exists(KeyFile))
        {
            string text;
            try
            {
                text = (await File.ReadAllTextAsync(KeyFile, cancellationToken)).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StartupConfigurationException($"the dev seal's master key file {KeyFile} cannot be read ({ex.Message})", ex);
            }

            if (!Convert.TryFromBase64String(text, master, out var written) || written != master.Length)
            {
                throw new StartupConfigurationException($"{KeyFile} does not hold a base64 32-byte master key");
            }

            return master;
        }

        if (!createIfMissing)
        {
            throw new StartupConfigurationException($"the seal was initialized in dev mode but {KeyFile} is missing: without it nothing can be decrypted");
        }

        RandomNumberGenerator.Fill(master);
        OwnerOnlyFile.Write(KeyFile, Convert.ToBase64String(master));
        return master;
    }
}
