using Slurp.Domain.Crypto;

namespace Slurp.Domain.Tests.Crypto;

/// <summary>Hands out exactly the given bytes, in order, for known-answer tests; fails when they run out.</summary>
internal sealed class ScriptedRandomSource(params byte[] bytes) : IRandomSource
{
    private int _position;

    public int Remaining => bytes.Length - _position;

    public void Fill(Span<byte> buffer)
    {
        if (buffer.Length > Remaining)
        {
            throw new InvalidOperationException($"the script has {Remaining} bytes left, {buffer.Length} were asked for");
        }

        bytes.AsSpan(_position, buffer.Length).CopyTo(buffer);
        _position += buffer.Length;
    }
}
