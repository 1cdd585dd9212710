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
        var dataKey = new byte[EnvelopeCipher.KeyLength];
        try
        {
            SystemRandomSource.Instance.Fill(dataKey);
            var plaintext = JsonSerializer.SerializeToUtf8Bytes(content);
            var envelope = EnvelopeCipher.Seal(plaintext, dataKey, new EnvelopeContext(nodeKey, version, layer.LayerName), SystemRandomSource.Instance);
            CryptographicOperations.ZeroMemory(plaintext);
            // Each role's active version comes from the silo's RoleKeyCache (leased from the role's key grain, so a
            // rotation that returned applies everywhere): ask them all together, one round of calls at most.
            var actives = await Task.WhenAll(layer.Readers.Select(keys.GetActiveAsync));
            var wrapped = new List<WrappedDataKey>(layer.Readers.Length);
            for (var i = 0; i < layer.Readers.Length; i++)
            {
                var role = layer.Readers[i];
                var (keyVersion, roleKey) = actives[i];
                wrapped.Add(new WrappedDataKey
                {
                    Role = role,
                    RoleKeyVersion = keyVersion,
                    Wrapped = KeyWrap.Wrap(dataKey, roleKey, RoleKeyContext.DataKey(role, keyVersion, nodeKey, version, layer.LayerName), SystemRandomSource.Instance),
                });
            }

            return layer with { Content = null, Envelope = envelope, WrappedKeys = [.. wrapped] };
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

            var dataKey = KeyWrap.Unwrap(wrapped.Wrapped, roleKey, RoleKeyContext.DataKey(wrapped.Role, wrapped.RoleKeyVersion, nodeKey, version, layer.LayerName));
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

            var dataKey = KeyWrap.Unwrap(wrapped.Wrapped, oldKey, RoleKeyContext.DataKey(role, wrapped.RoleKeyVersion, nodeKey, version, layer.LayerName));
            try
            {
                result[i] = new WrappedDataKey
                {
                    Role = role,
                    RoleKeyVersion = target,
                    Wrapped = KeyWrap.Wrap(dataKey, newKey, RoleKeyContext.DataKey(role, target, nodeKey, version, layer.LayerName), SystemRandomSource.Instance),
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
