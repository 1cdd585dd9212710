namespace Slurp.Durability.Tests.Hosting;

/// <summary>A fresh folder under the temp directory, deleted (best effort) on dispose.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string purpose)
    {
        FullPath = Path.Combine(Path.GetTempPath(), $"slurp-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file keeps the folder; the temp cleaner takes it later.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
