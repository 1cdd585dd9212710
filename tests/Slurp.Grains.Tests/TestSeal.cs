using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Slurp.Abstractions.Seal;
using Slurp.Domain.Crypto;
using Slurp.Grains.Seal;

namespace Slurp.Grains.Tests;

/// <summary>The master key of the test clusters (dev mode, one share) and what the tests derive from it.</summary>
internal static class TestSeal
{
    /// <summary>A fresh 32-byte master key per test run.</summary>
    public static byte[] MasterKey { get; } = RandomNumberGenerator.GetBytes(MasterKeyDerivation.MasterKeyLength);

    public static SealConfig Config { get; } = new()
    {
        Mode = "dev",
        Shares = 1,
        Threshold = 1,
        Verifier = MasterKeyDerivation.Verifier(MasterKey),
        InitializedAt = ClusterFixture.Start,
    };

    /// <summary>Unseals every silo of <paramref name="cluster"/>: each silo holds its own copy of the master key.</summary>
    public static void UnsealAll(InProcessTestCluster cluster)
    {
        foreach (var silo in cluster.Silos)
        {
            Unseal(silo.ServiceProvider);
        }
    }

    /// <summary>Unseals one silo.</summary>
    public static void Unseal(IServiceProvider siloServices)
    {
        if (!siloServices.GetRequiredService<SealVault>().UnsealWithKey(MasterKey, Config))
        {
            throw new InvalidOperationException("the test master key does not match its own verifier");
        }
    }

    /// <summary>What the node grain stores for a content hash: its HMAC under the master-derived content-hash key.</summary>
    public static string StoredHashOf(string contentHash)
    {
        var key = MasterKeyDerivation.DeriveKey(MasterKey, SealVault.ContentHashPurpose);
        try
        {
            return KeyedHash.Hmac(key, contentHash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
