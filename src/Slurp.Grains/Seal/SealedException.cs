namespace Slurp.Grains.Seal;

/// <summary>Thrown by anything that needs the master key while this silo is sealed; the API answers 503.</summary>
[GenerateSerializer, Alias("slurp.SealedException")]
public sealed class SealedException : Exception
{
    public SealedException()
        : base("the silo is sealed: unseal it with POST /v1/sys/unseal before reading or writing context")
    {
    }

    public SealedException(string message)
        : base(message)
    {
    }

    public SealedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
