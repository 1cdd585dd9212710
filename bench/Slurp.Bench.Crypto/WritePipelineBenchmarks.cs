using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Slurp.Domain.Crypto;

namespace Slurp.Bench.Crypto;

/// <summary>
/// The per-layer cost of the encryption pipeline against the plain serialization it wraps: JSON only
/// ("off") versus JSON → zstd → AES-256-GCM → data key wrapped for N reader roles ("on"), and the read side. Like
/// LayerSealer: role keys held as <see cref="WrappingKey"/>s, the layer's randomness from one <see cref="RandomDraw"/>.
/// </summary>
[MemoryDiagnoser]
public class WritePipelineBenchmarks
{
    private readonly byte[] _roleKeyMaterial = RandomNumberGenerator.GetBytes(32);
    private WrappingKey _roleKey = null!;
    private LayerPayload _payload = null!;
    private byte[] _envelope = null!;
    private byte[][] _wrapped = null!;
    private byte[] _dataKey = null!;

    /// <summary>Roles a base layer is wrapped for (the default readers of a /src path are 4).</summary>
    [Params(4)]
    public int Readers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var insight = new StringBuilder();
        while (insight.Length < 1600)
        {
            insight.Append("The handler validates the session token, then loads the user with pgx and maps errors to 4xx. ");
        }

        _payload = new LayerPayload("User endpoints: create, read, update and list users.", "HTTP API for users",
            ["go", "pgx", "chi", "http"], ["api", "users", "crud"], [insight.ToString()]);
        _roleKey = new WrappingKey(_roleKeyMaterial);
        _dataKey = RandomNumberGenerator.GetBytes(32);
        _envelope = Seal(_dataKey, SystemRandomSource.Instance);
        _wrapped = [.. Enumerable.Range(0, Readers).Select(i => _roleKey.Wrap(_dataKey, Context(i), SystemRandomSource.Instance))];
    }

    [GlobalCleanup]
    public void Cleanup() => _roleKey.Dispose();

    [Benchmark(Baseline = true, Description = "write, pipeline off (JSON only)")]
    public byte[] WritePlain() => JsonSerializer.SerializeToUtf8Bytes(_payload);

    [Benchmark(Description = "write, pipeline on (JSON+zstd+AES-GCM+wrap)")]
    public int WriteSealed()
    {
        using var random = new RandomDraw(SystemRandomSource.Instance, EnvelopeCipher.KeyLength + (EnvelopeCipher.NonceLength * (1 + Readers)));
        var dataKey = new byte[32];
        random.Fill(dataKey);
        var envelope = Seal(dataKey, random);
        var total = envelope.Length;
        for (var i = 0; i < Readers; i++)
        {
            total += _roleKey.Wrap(dataKey, Context(i), random).Length;
        }

        CryptographicOperations.ZeroMemory(dataKey);
        return total;
    }

    [Benchmark(Description = "read, pipeline off (JSON only)")]
    public LayerPayload? ReadPlain() => JsonSerializer.Deserialize<LayerPayload>(JsonSerializer.SerializeToUtf8Bytes(_payload));

    [Benchmark(Description = "read, pipeline on (unwrap+AES-GCM+zstd+JSON)")]
    public LayerPayload? ReadSealed()
    {
        var dataKey = _roleKey.Unwrap(_wrapped[0], Context(0));
        var plaintext = EnvelopeCipher.Open(_envelope, dataKey, new EnvelopeContext("node/p/t/src/api/users.go", 3, "base"), 8 << 20);
        CryptographicOperations.ZeroMemory(dataKey);
        return JsonSerializer.Deserialize<LayerPayload>(plaintext);
    }

    private byte[] Seal(byte[] dataKey, IRandomSource random) =>
        EnvelopeCipher.Seal(JsonSerializer.SerializeToUtf8Bytes(_payload), dataKey, new EnvelopeContext("node/p/t/src/api/users.go", 3, "base"), random);

    private static WrapContext Context(int reader) => new("data-key", $"role{reader}|node/p/t/src/api/users.go|v3|base", 1);
}

/// <summary>A context layer of about 2 KB, shaped like the wire form.</summary>
public sealed record LayerPayload(string Summary, string Purpose, string[] Technologies, string[] Tags, string[] Insights);
