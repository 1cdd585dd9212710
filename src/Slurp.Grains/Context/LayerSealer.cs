using System.Security.Cryptography;
using System.Text.Json;
using Slurp.Abstractions.Context;
using Slurp.Domain.Crypto;
using Slurp.Grains.Keys;

namespace Slurp.Grains.Context;

/// <summary>
/// Seals layers into envelopes (format 1) and opens the ones a set of roles may read. Each layer gets a
/// fresh 32-byte data key; the envelope's associated data binds node, version and layer, and the data key
/// is wrapped once per reader role under that role's active key.
/// </summary>
public sealed class LayerSealer(RoleKeyCache keys)
{
    /// <summary>Format number of sealed versions.</summary>
    public const int Format = 1;

    /// <summary>Largest plaintext a layer may open to (a guard against corrupted or hostile envelopes).</summary>
    public const int MaxPlaintextBytes = 8 * 1024 * 1024;

    /// <summary>Seals one plaintext layer for version <paramref name="version"/> of <paramref name="nodeKey"/>.</summary>
    public async Task<StoredLayer> SealAsync(string nodeKey, int version, StoredLayer layer, ContextContent content)
    {
        // Each role's active version comes from the silo's RoleKeyCache (leased from the role's key grain, so a
        // rotation that returned applies everywhere): those not held are asked together, one round of calls at most.
        var readers = layer.Readers;
        var actives = new (int Version, WrappingKey Key)[readers.Length];
        List<(int Index, Task<(int, WrappingKey)> Asked)>? asking = null;
        for (var i = 0; i < readers.Length; i++)
        {
            if (!keys.TryGetActive(readers[i], out actives[i]))
            {
                (asking ??= []).Add((i, keys.GetActiveAsync(readers[i])));
            }
        }

        if (asking is not null)
        {
            await Task.WhenAll(asking.Select(a => a.Asked));
            foreach (var (index, asked) in asking)
            {
                actives[index] = await asked;
            }
        }

        // The data key and every nonce of this layer in one draw from the operating system's generator.
        using var random = new RandomDraw(SystemRandomSource.Instance, EnvelopeCipher.KeyLength + EnvelopeCipher.NonceLength * (1 + readers.Length));
        var dataKey = new byte[EnvelopeCipher.KeyLength];
        try
        {
            random.Fill(dataKey);
            var plaintext = JsonSerializer.SerializeToUtf8Bytes(content);
            var envelope = EnvelopeCipher.Seal(plaintext, dataKey, new EnvelopeContext(nodeKey, version, layer.LayerName), random);
            CryptographicOperations.ZeroMemory(plaintext);
            var wrapped = new WrappedDataKey[readers.Length];
            for (var i = 0; i < readers.Length; i++)
            {
                var role = readers[i];
                var (keyVersion, roleKey) = actives[i];
                wrapped[i] = new WrappedDataKey
                {
                    Role = role,
                    RoleKeyVersion = keyVersion,
                    Wrapped = roleKey.Wrap(dataKey, RoleKeyContext.DataKey(role, keyVersion, nodeKey, version, layer.LayerName), random),
                };
            }

            return layer with { Content = null, Envelope = envelope, WrappedKeys = wrapped };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// The layer's plaintext when one of <paramref name="roles"/> holds a wrapped data key for it (any role
    /// when <paramref name="roles"/> is null — for rollback and migration inside the grain); null otherwise.
    /// </summary>
    public async Task<ContextContent?> OpenAsync(string nodeKey, int version, StoredLayer layer, IReadOnlyCollection<string>? roles)
    {
        if (layer.Envelope is null)
        {
            // Format 0: stored in clear by the first release, readable until migrated.
            return roles is null || layer.Readers.Any(roles.Contains) ? layer.Content : null;
        }

        foreach (var wrapped in layer.WrappedKeys)
        {
            if (roles is not null && !roles.Contains(wrapped.Role))
            {
                continue;
            }

            var roleKey = await keys.GetAsync(wrapped.Role, wrapped.RoleKeyVersion);
            if (roleKey is null)
            {
                continue;
            }

            var dataKey = roleKey.Unwrap(wrapped.Wrapped, RoleKeyContext.DataKey(wrapped.Role, wrapped.RoleKeyVersion, nodeKey, version, layer.LayerName));
            try
            {
                var plaintext = EnvelopeCipher.Open(layer.Envelope, dataKey, new EnvelopeContext(nodeKey, version, layer.LayerName), MaxPlaintextBytes);
                try
                {
                    return JsonSerializer.Deserialize<ContextContent>(plaintext);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(plaintext);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        return null;
    }

    /// <summary>Re-wraps the layer's data keys held for <paramref name="role"/> under older key versions to <paramref name="target"/>.</summary>
    public async Task<(StoredLayer Layer, int Rewrapped)> RewrapAsync(string nodeKey, int version, StoredLayer layer, string role, int target)
    {
        var count = 0;
        var result = new WrappedDataKey[layer.WrappedKeys.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var wrapped = layer.WrappedKeys[i];
            result[i] = wrapped;
            if (wrapped.Role != role || wrapped.RoleKeyVersion >= target)
            {
                continue;
            }

            var oldKey = await keys.GetAsync(role, wrapped.RoleKeyVersion);
            var newKey = await keys.GetAsync(role, target);
            if (oldKey is null || newKey is null)
            {
                continue;
            }

            var dataKey = oldKey.Unwrap(wrapped.Wrapped, RoleKeyContext.DataKey(role, wrapped.RoleKeyVersion, nodeKey, version, layer.LayerName));
            try
            {
                result[i] = new WrappedDataKey
                {
                    Role = role,
                    RoleKeyVersion = target,
                    Wrapped = newKey.Wrap(dataKey, RoleKeyContext.DataKey(role, target, nodeKey, version, layer.LayerName), SystemRandomSource.Instance),
                };
                count++;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        return (count == 0 ? layer : layer with { WrappedKeys = result }, count);
    }
}
