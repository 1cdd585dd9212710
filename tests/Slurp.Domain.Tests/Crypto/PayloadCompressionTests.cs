using System.Text;
using Slurp.Domain.Crypto;
using ZstdSharp;

namespace Slurp.Domain.Tests.Crypto;

public sealed class PayloadCompressionTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 30).Select(i =>
        $"{{\"path\":\"/src/api/users{i}.go\",\"summary\":\"handles users\",\"tags\":[\"api\",\"go\"]}},")));

    [Fact]
    public void CompressedDataDecompressesToTheOriginal()
    {
        var compressed = PayloadCompression.Compress(Json);

        Assert.Equal(Json, PayloadCompression.Decompress(compressed, Json.Length));
    }

    [Fact]
    public void TheFrameRecordsTheDecompressedSizeSoTheLimitIsCheckedBeforeAllocating()
    {
        Assert.Equal((ulong)Json.Length, Decompressor.GetDecompressedSize(PayloadCompression.Compress(Json)));
    }

    [Fact]
    public void TwoKilobytesOfJsonLikeTextCompressToLessThanAThird()
    {
        Assert.InRange(Json.Length, 2000, 2600);

        var compressed = PayloadCompression.Compress(Json);

        Assert.True(compressed.Length * 3 < Json.Length, $"{Json.Length} bytes compressed to {compressed.Length}");
    }

    [Fact]
    public void EmptyDataRoundTrips()
    {
        Assert.Empty(PayloadCompression.Decompress(PayloadCompression.Compress([]), 0));
    }

    [Fact]
    public void RandomDataRoundTrips()
    {
        var data = new DeterministicRandomSource(4).Bytes(100_000);

        Assert.Equal(data, PayloadCompression.Decompress(PayloadCompression.Compress(data), data.Length));
    }

    [Fact]
    public void OutputOfExactlyTheLimitIsAllowed()
    {
        Assert.Equal(Json, PayloadCompression.Decompress(PayloadCompression.Compress(Json), Json.Length));
    }

    [Fact]
    public void OutputOneByteOverTheLimitIsRefused()
    {
        var error = Assert.Throws<PayloadTooLargeException>(() =>
            PayloadCompression.Decompress(PayloadCompression.Compress(Json), Json.Length - 1));

        Assert.Equal(Json.Length - 1, error.MaxBytes);
        Assert.Equal($"the compressed payload expands to more than the limit of {Json.Length - 1} bytes", error.Message);
    }

    [Fact]
    public void ABombIsRefusedWithoutExpandingIt()
    {
        var bomb = PayloadCompression.Compress(new byte[64 * 1024 * 1024]);
        Assert.True(bomb.Length < 16 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<PayloadTooLargeException>(() => PayloadCompression.Decompress(bomb, 1024 * 1024));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 8 * 1024 * 1024, $"{allocated} bytes allocated refusing the bomb");
    }

    [Fact]
    public void AFrameWithoutADeclaredSizeIsStreamedUnderTheLimit()
    {
        var data = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("streamed frame text ", 20_000)));
        var frame = CompressAsStream(data);

        Assert.Equal(data, PayloadCompression.Decompress(frame, data.Length));
        Assert.Throws<PayloadTooLargeException>(() => PayloadCompression.Decompress(frame, data.Length - 1));
    }

    [Fact]
    public void DataThatIsNotZstdIsInvalid()
    {
        var error = Assert.Throws<InvalidDataException>(() => PayloadCompression.Decompress(Json, 1 << 20));

        Assert.StartsWith("the payload is not complete, valid zstd data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyInputIsInvalid()
    {
        Assert.Throws<InvalidDataException>(() => PayloadCompression.Decompress([], 1 << 20));
    }

    [Fact]
    public void ATruncatedFrameIsInvalid()
    {
        var compressed = PayloadCompression.Compress(Json);

        for (var length = 1; length < compressed.Length; length++)
        {
            var truncated = compressed[..length];
            Assert.Throws<InvalidDataException>(() => PayloadCompression.Decompress(truncated, 1 << 20));
        }
    }

    [Fact]
    public void ATruncatedStreamedFrameIsInvalid()
    {
        var frame = CompressAsStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("streamed frame text ", 20_000))));

        Assert.Throws<InvalidDataException>(() => PayloadCompression.Decompress(frame.AsSpan(0, frame.Length - 3), 1 << 24));
    }

    [Fact]
    public void ANegativeLimitIsAnArgumentError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PayloadCompression.Decompress(PayloadCompression.Compress(Json), -1));
    }

    // A streaming compressor does not know the size up front, so the frame header declares none.
    private static byte[] CompressAsStream(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zstd = new CompressionStream(output, PayloadCompression.Level, leaveOpen: true))
        {
            zstd.Write(data);
        }

        return output.ToArray();
    }
}
