using Slurp.Abstractions.Seal;
using System.Security.Cryptography;
using Slurp.Domain.Crypto;

namespace Slurp.Grains.Seal;

/// <summary>
/// This silo's copy of the master key, held only in memory, and the keys derived from it. Starts sealed;
/// K verified Shamir shares (or the dev key file) unseal it; sealing zeroes every key buffer.
/// Each silo is unsealed on its own: the master key never travels between silos.
/// </summary>
public sealed class SealVault : IDisposable
{
    /// <summary>HKDF purposes of the keys derived at unseal.</summary>
    public const string RoleKeyWrapPurpose = "role-key-wrap";
    public const string ContentHashPurpose = "content-hash";
    public const string AuditHmacPurpose = "audit-hmac";

    private readonly Lock _lock = new();
    private readonly List<ShamirShare> _pending = [];
    private byte[]? _roleKeyWrap;
    private byte[]? _contentHash;
    private byte[]? _auditHmac;

    /// <summary>Raised after this silo seals; caches of unwrapped keys clear themselves.</summary>
    public event Action? Sealed;

    public bool IsSealed
    {
        get
        {
            lock (_lock)
            {
                return _roleKeyWrap is null;
            }
        }
    }

    /// <summary>Shares submitted towards the threshold so far.</summary>
    public int Progress
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Adds one share; combines and verifies when the threshold is reached.</summary>
    public UnsealOutcome Submit(ShamirShare share, SealConfig config)
    {
        lock (_lock)
        {
            if (_roleKeyWrap is not null)
            {
                return UnsealOutcome.AlreadyUnsealed;
            }

            if (_pending.Find(s => s.X == share.X) is { } earlier)
            {
                if (CryptographicOperations.FixedTimeEquals(earlier.Y, share.Y))
                {
                    return UnsealOutcome.Duplicate;
                }

                // Counting either would only fail at the threshold; saying so now lets the operator start again at once.
                ClearPending();
                return UnsealOutcome.ConflictingShare;
            }

            _pending.Add(share);
            if (_pending.Count < config.Threshold)
            {
                return UnsealOutcome.Accepted;
            }

            byte[]? master = null;
            try
            {
                master = ShamirSecretSharing.Combine(_pending);
                if (!MasterKeyDerivation.Verify(master, config.Verifier))
                {
                    ClearPending();
                    return UnsealOutcome.WrongShares;
                }

                Install(master);
                ClearPending();
                return UnsealOutcome.Unsealed;
            }
            catch (CryptoFormatException)
            {
                ClearPending();
                return UnsealOutcome.WrongShares;
            }
            finally
            {
                if (master is not null)
                {
                    CryptographicOperations.ZeroMemory(master);
                }
            }
        }
    }

    /// <summary>Unseals with the whole master key (dev mode's key file); false when it does not match the verifier.</summary>
    public bool UnsealWithKey(ReadOnlySpan<byte> masterKey, SealConfig config)
    {
        if (!MasterKeyDerivation.Verify(masterKey, config.Verifier))
        {
            return false;
        }

        lock (_lock)
        {
            if (_roleKeyWrap is null)
            {
                Install(masterKey);
            }

            ClearPending();
            return true;
        }
    }

    /// <summary>Forgets the submitted shares.</summary>
    public void ResetProgress()
    {
        lock (_lock)
        {
            ClearPending();
        }
    }

    /// <summary>Zeroes every key: from now on nothing can be decrypted on this silo until it is unsealed again.</summary>
    public void Seal()
    {
        lock (_lock)
        {
            Zero(ref _roleKeyWrap);
            Zero(ref _contentHash);
            Zero(ref _auditHmac);
            ClearPending();
        }

        Sealed?.Invoke();
    }

    /// <summary>Runs <paramref name="use"/> with the key that wraps role keys; throws <see cref="SealedException"/> when sealed.</summary>
    public T UseRoleKeyWrapKey<T>(KeyFunc<T> use) => Use(() => _roleKeyWrap, use);

    /// <summary>Runs <paramref name="use"/> with the key that blinds content hashes.</summary>
    public T UseContentHashKey<T>(KeyFunc<T> use) => Use(() => _contentHash, use);

    /// <summary>Runs <paramref name="use"/> with the key that HMACs sensitive audit values.</summary>
    public T UseAuditHmacKey<T>(KeyFunc<T> use) => Use(() => _auditHmac, use);

    public void Dispose() => Seal();

    private T Use<T>(Func<byte[]?> select, KeyFunc<T> use)
    {
        lock (_lock)
        {
            var key = select() ?? throw new SealedException();
            return use(key);
        }
    }

    private void Install(ReadOnlySpan<byte> master)
    {
        _roleKeyWrap = MasterKeyDerivation.DeriveKey(master, RoleKeyWrapPurpose);
        _contentHash = MasterKeyDerivation.DeriveKey(master, ContentHashPurpose);
        _auditHmac = MasterKeyDerivation.DeriveKey(master, AuditHmacPurpose);
    }

    private void ClearPending()
    {
        foreach (var share in _pending)
        {
            CryptographicOperations.ZeroMemory(share.Y);
        }

        _pending.Clear();
    }

    private static void Zero(ref byte[]? key)
    {
        if (key is not null)
        {
            CryptographicOperations.ZeroMemory(key);
            key = null;
        }
    }
}

/// <summary>A function of a key held by the vault; the span is valid only during the call.</summary>
public delegate T KeyFunc<out T>(ReadOnlySpan<byte> key);
