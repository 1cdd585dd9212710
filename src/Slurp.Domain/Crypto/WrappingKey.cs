using System.Security.Cryptography;

namespace Slurp.Domain.Crypto;

/// <summary>
/// A key-encryption key held ready to wrap and unwrap keys in <see cref="KeyWrap"/>'s format, reusing its AES-GCM
/// instances: setting one up costs about three times the wrap of a 32-byte key (OpenSSL looks the cipher up again
/// for every new context), and a write wraps its data key once per reader role. Safe for concurrent use;
/// <see cref="Dispose"/> zeroes the key and frees the instances, and a call after it throws.
/// </summary>
public sealed class WrappingKey : IDisposable
{
    // Enough for every thread that may wrap at once on a small silo; more are made when needed and freed after use.
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly byte[] _kek;
    private readonly Stack<AesGcm> _idle = new();
    private bool _disposed;

    /// <summary>Copies <paramref name="kek"/>; the caller keeps ownership of its own buffer.</summary>
    /// <exception cref="ArgumentException">When the key-encryption key is not 32 bytes.</exception>
    public WrappingKey(ReadOnlySpan<byte> kek)
    {
        EnvelopeCipher.RequireKey(kek, nameof(kek));
        _kek = kek.ToArray();
    }

    /// <summary>Wraps <paramref name="key"/> as <see cref="KeyWrap.Wrap"/> does under this key.</summary>
    /// <exception cref="ArgumentException">When the key is not 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public byte[] Wrap(ReadOnlySpan<byte> key, WrapContext context, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(random);
        EnvelopeCipher.RequireKey(key, nameof(key));
        var aes = Rent();
        try
        {
            return KeyWrap.WrapWith(key, aes, context, random);
        }
        finally
        {
            Return(aes);
        }
    }

    /// <summary>Unwraps as <see cref="KeyWrap.Unwrap"/> does under this key; the caller zeroes the result after use.</summary>
    /// <exception cref="EnvelopeException">When the input is not 61 bytes, names an unknown format, or fails authentication.</exception>
    /// <exception cref="ObjectDisposedException">After <see cref="Dispose"/>.</exception>
    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, WrapContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var aes = Rent();
        try
        {
            return KeyWrap.UnwrapWith(wrapped, aes, context);
        }
        finally
        {
            Return(aes);
        }
    }

    /// <summary>Zeroes the key and frees the idle instances; instances in use are freed when they come back.</summary>
    public void Dispose()
    {
        lock (_idle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CryptographicOperations.ZeroMemory(_kek);
            while (_idle.TryPop(out var aes))
            {
                aes.Dispose();
            }
        }
    }

    private AesGcm Rent()
    {
        lock (_idle)
        {
            // Under the lock: a new instance must never be keyed from a buffer Dispose is zeroing.
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _idle.TryPop(out var aes) ? aes : new AesGcm(_kek, EnvelopeCipher.TagLength);
        }
    }

    private void Return(AesGcm aes)
    {
        lock (_idle)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Push(aes);
                return;
            }
        }

        aes.Dispose();
    }
}
