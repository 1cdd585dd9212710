using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Slurp.Abstractions.Access;
using Slurp.Abstractions.Seal;
using Slurp.Domain.Crypto;
using Slurp.Grains.Seal;
using Slurp.Host.Auth;
using Slurp.Host.Configuration;

namespace Slurp.Host.Seal;

/// <summary>
/// Initializes the seal, unseals and seals this silo. In dev mode the master key is a local file and the
/// silo unseals itself; in shamir mode it exists only as the shares handed out by <see cref="InitAsync"/>.
/// </summary>
public sealed partial class SealCoordinator(
    SealVault vault,
    IMasterKeyProvider keyProvider,
    IGrainFactory grains,
    AccessCache access,
    IOptions<SlurpOptions> options,
    TimeProvider clock,
    ILogger<SealCoordinator> logger)
{
    public const string DevMode = "dev";
    public const string ShamirMode = "shamir";

    /// <summary>Auto-unseal from an installed <see cref="IMasterKeyProvider"/> other than the dev key file (e.g. a cloud KMS).</summary>
    public const string AutoMode = "auto";

    /// <summary>The agent id of the root token made at init.</summary>
    public const string RootAgentId = "root";

    /// <summary>The configured mode, or the profile's default: shamir on Postgres, dev on the embedded store.</summary>
    public string Mode => options.Value.Seal.Mode?.ToLowerInvariant()
        ?? (options.Value.Storage.Provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? ShamirMode : DevMode);

    public async Task<SealStatusView> StatusAsync(CancellationToken cancellationToken)
    {
        var config = await Config.GetAsync(cancellationToken);
        return new SealStatusView(config is not null, vault.IsSealed, config?.Threshold ?? 0, config?.Shares ?? 0, vault.Progress, config?.Mode ?? Mode);
    }

    /// <summary>Shamir init: a new master key split into shares; null when already initialized.</summary>
    public async Task<InitView?> InitAsync(int shares, int threshold, CancellationToken cancellationToken)
    {
        var master = new byte[MasterKeyDerivation.MasterKeyLength];
        try
        {
            RandomNumberGenerator.Fill(master);
            var split = ShamirSecretSharing.Split(master, shares, threshold, SystemRandomSource.Instance);
            var config = new SealConfig
            {
                Mode = ShamirMode,
                Shares = shares,
                Threshold = threshold,
                Verifier = MasterKeyDerivation.Verifier(master),
                InitializedAt = clock.GetUtcNow(),
            };
            if (!await Config.InitializeAsync(config, cancellationToken))
            {
                return null;
            }

            var keys = split.Select(s => s.ToBase64()).ToList();
            foreach (var share in split)
            {
                CryptographicOperations.ZeroMemory(share.Y);
            }

            var rootToken = BearerTokens.Create();
            await grains.GetGrainByKey<IAgentDirectoryGrain>(IAgentDirectoryGrain.Key).RevokeAsync(RootAgentId, cancellationToken);
            await grains.GetGrainByKey<IAgentDirectoryGrain>(IAgentDirectoryGrain.Key).CreateAsync(new AgentRecord
            {
                AgentId = RootAgentId,
                Roles = [AgentIdentity.AdminRole],
                TokenHash = BearerTokens.Hash(rootToken),
                CreatedAt = clock.GetUtcNow(),
            }, cancellationToken);
            access.Invalidate();
            LogInitialized(shares, threshold);
            return new InitView(keys, rootToken, shares, threshold);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>Submits one share to this silo.</summary>
    public async Task<(UnsealOutcome Outcome, SealConfig? Config)> UnsealAsync(ShamirShare share, CancellationToken cancellationToken)
    {
        var config = await Config.GetAsync(cancellationToken);
        if (config is null)
        {
            return (UnsealOutcome.Accepted, null);
        }

        var outcome = vault.Submit(share, config);
        if (outcome == UnsealOutcome.Unsealed)
        {
            LogUnsealed();
        }

        return (outcome, config);
    }

    public void Seal()
    {
        vault.Seal();
        LogSealed();
    }

    public void ResetProgress() => vault.ResetProgress();

    /// <summary>Start-up: dev mode creates or loads its key file and unseals; shamir mode reads configured share files.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = await Config.GetAsync(cancellationToken);
        if (config is not null && config.Mode != Mode)
        {
            throw new StartupConfigurationException(
                $"the cluster was initialized in '{config.Mode}' seal mode but Slurp:Seal:Mode is '{Mode}'; set Slurp:Seal:Mode={config.Mode}");
        }

        switch (Mode)
        {
            case DevMode:
                await UnsealFromProviderAsync(config, cancellationToken);
                break;
            case AutoMode when keyProvider is DevKeyFileProvider:
                throw new StartupConfigurationException(
                    "Slurp:Seal:Mode=auto needs a master-key provider (an IMasterKeyProvider such as an Azure Key Vault unwrapper); none is installed. See docs/security.md.");
            case AutoMode:
                await UnsealFromProviderAsync(config, cancellationToken);
                break;
            case ShamirMode:
                await UnsealFromFilesAsync(config, cancellationToken);
                break;
            default:
                throw new StartupConfigurationException($"Slurp:Seal:Mode '{Mode}' is not known; use dev, shamir or auto");
        }
    }

    private async Task UnsealFromProviderAsync(SealConfig? config, CancellationToken cancellationToken)
    {
        var master = await keyProvider.GetMasterKeyAsync(createIfMissing: config is null, cancellationToken);
        try
        {
            config ??= await InitializeFromProviderAsync(master, cancellationToken);
            if (!vault.UnsealWithKey(master, config))
            {
                throw new StartupConfigurationException($"the master key from {keyProvider.Name} does not match the cluster's seal verifier");
            }

            if (keyProvider is DevKeyFileProvider dev)
            {
                LogDevMode(dev.KeyFile);
            }
            else
            {
                LogAutoUnsealed(keyProvider.Name);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    private async Task<SealConfig> InitializeFromProviderAsync(byte[] master, CancellationToken cancellationToken)
    {
        var config = new SealConfig { Mode = Mode, Shares = 1, Threshold = 1, Verifier = MasterKeyDerivation.Verifier(master), InitializedAt = clock.GetUtcNow() };
        await Config.InitializeAsync(config, cancellationToken);
        return (await Config.GetAsync(cancellationToken))!;
    }

    private async Task UnsealFromFilesAsync(SealConfig? config, CancellationToken cancellationToken)
    {
        var files = options.Value.Seal.UnsealKeyFiles;
        if (files.Count == 0)
        {
            LogSealedAtStart();
            return;
        }

        if (config is null)
        {
            throw new StartupConfigurationException("Slurp:Seal:UnsealKeyFiles is set but the seal is not initialized yet: POST /v1/sys/init first");
        }

        foreach (var file in files)
        {
            string text;
            try
            {
                text = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StartupConfigurationException($"Slurp:Seal:UnsealKeyFiles: {file} cannot be read ({ex.Message})", ex);
            }

            if (!ShamirShare.TryParse(text, out var share, out var error))
            {
                throw new StartupConfigurationException($"{file}: {error}");
            }

            var outcome = vault.Submit(share!, config);
            if (outcome == UnsealOutcome.WrongShares)
            {
                throw new StartupConfigurationException("the shares in Slurp:Seal:UnsealKeyFiles do not combine to the master key");
            }

            if (outcome == UnsealOutcome.ConflictingShare)
            {
                throw new StartupConfigurationException($"{file}: another file in Slurp:Seal:UnsealKeyFiles holds a different share with the same index ({share!.X}); one of them is wrong");
            }
        }

        if (vault.IsSealed)
        {
            LogSealedAtStart();
        }
        else
        {
            LogUnsealed();
        }
    }

    private ISealConfigGrain Config => grains.GetGrainByKey<ISealConfigGrain>(ISealConfigGrain.Key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "INSECURE dev seal: the master key is in {KeyFile}; anyone who can read the data directory can read all context. Use Slurp:Seal:Mode=shamir in production.")]
    private partial void LogDevMode(string keyFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsealed at start by the master-key provider {Provider}")]
    private partial void LogAutoUnsealed(string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo is sealed: context endpoints answer 503 until K shares are submitted to POST /v1/sys/unseal")]
    private partial void LogSealedAtStart();

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo is unsealed")]
    private partial void LogUnsealed();

    [LoggerMessage(Level = LogLevel.Warning, Message = "This silo was sealed: keys zeroed")]
    private partial void LogSealed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Seal initialized: {Shares} shares, threshold {Threshold}")]
    private partial void LogInitialized(int shares, int threshold);
}
