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
        var token = File.Exists(TokenFile) ? File.ReadAllText(TokenFile).Trim() : null;
        if (string.IsNullOrEmpty(token))
        {
            if (token is not null)
            {
                // An empty file is what a start killed between creating and writing it leaves (before the
                // write-then-rename below): nobody can hold that token, so replacing it locks nobody out.
                LogEmptyReplaced(logger, TokenFile);
            }

            token = WriteAtomically(TokenFile, BearerTokens.Create(), replaceEmpty: token is not null);
            LogGenerated(logger, TokenFile);
        }
        else
        {
            LogReused(logger, TokenFile);
        }

        _hash = HashBytes(token);
    }

    /// <summary>The file holding the generated token, or null when the token comes from configuration.</summary>
    public string? TokenFile { get; }

    /// <summary>Constant-time comparison of a presented token's hash with the admin token's.</summary>
    public bool Matches(string tokenHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(tokenHash), _hash);

    private static byte[] HashBytes(string token) => Encoding.ASCII.GetBytes(BearerTokens.Hash(token));

    /// <summary>
    /// Writes the token atomically (see <see cref="OwnerOnlyFile"/>), so a crash never leaves an empty file.
    /// Returns the token in effect: a concurrent start on the same folder that renamed first wins.
    /// </summary>
    private static string WriteAtomically(string path, string token, bool replaceEmpty)
    {
        try
        {
            OwnerOnlyFile.Write(path, token, overwrite: replaceEmpty);
            return token;
        }
        catch (IOException) when (!replaceEmpty && File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin token taken from Slurp:Auth:BootstrapAdminToken")]
    private static partial void LogConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated a bootstrap admin token into {Path} (mode 0600); read it from there to create agents")]
    private static partial void LogGenerated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} was empty (an earlier start was killed while writing it); generating a new admin token")]
    private static partial void LogEmptyReplaced(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin token is in {Path}")]
    private static partial void LogReused(ILogger logger, string path);
}
