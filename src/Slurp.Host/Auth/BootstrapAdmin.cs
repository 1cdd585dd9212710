using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Slurp.Host.Configuration;

namespace Slurp.Host.Auth;

/// <summary>
/// The bootstrap admin token: <c>Slurp:Auth:BootstrapAdminToken</c> when set; otherwise one generated
/// at first start into <c>&lt;DataDir&gt;/admin.token</c> (mode 0600) and reused after. Only its hash is held.
/// </summary>
public sealed partial class BootstrapAdmin
{
    /// <summary>The agent id the bootstrap token authenticates as.</summary>
    public const string AgentId = "admin";

    private readonly byte[] _hash;

    public BootstrapAdmin(IOptions<SlurpOptions> options, ILogger<BootstrapAdmin> logger)
    {
        var configured = options.Value.Auth.BootstrapAdminToken;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _hash = HashBytes(configured);
            TokenFile = null;
            LogConfigured(logger);
            return;
        }

        var dataDir = Path.GetFullPath(options.Value.DataDir);
        Directory.CreateDirectory(dataDir);
        TokenFile = Path.Combine(dataDir, "admin.token");
        if (!File.Exists(TokenFile))
        {
            var token = BearerTokens.Create();
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // The token file must not be readable by other users (mode 0600).
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(TokenFile, fileOptions))
            {
                stream.Write(Encoding.UTF8.GetBytes(token + "\n"));
                stream.Flush(flushToDisk: true);
            }

            LogGenerated(logger, TokenFile);
        }
        else
        {
            LogReused(logger, TokenFile);
        }

        _hash = HashBytes(File.ReadAllText(TokenFile).Trim());
    }

    /// <summary>The file holding the generated token, or null when the token comes from configuration.</summary>
    public string? TokenFile { get; }

    /// <summary>Constant-time comparison of a presented token's hash with the admin token's.</summary>
    public bool Matches(string tokenHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(tokenHash), _hash);

    private static byte[] HashBytes(string token) => Encoding.ASCII.GetBytes(BearerTokens.Hash(token));

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin token taken from Slurp:Auth:BootstrapAdminToken")]
    private static partial void LogConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated a bootstrap admin token into {Path} (mode 0600); read it from there to create agents")]
    private static partial void LogGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin token is in {Path}")]
    private static partial void LogReused(ILogger logger, string path);
}
