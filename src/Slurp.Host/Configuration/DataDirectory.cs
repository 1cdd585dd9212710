namespace Slurp.Host.Configuration;

/// <summary><c>Slurp:DataDir</c>, checked before anything is stored in it.</summary>
internal static class DataDirectory
{
    /// <summary>
    /// Creates the folder and proves it writable, so a wrong path or a missing permission fails the start with the
    /// setting's name, instead of with whichever file a component happens to write there first (for a path below
    /// <c>/proc</c> that was "Could not find file" from the admin token's folder).
    /// </summary>
    /// <exception cref="StartupConfigurationException">When the folder cannot be created or written.</exception>
    public static void Ensure(string dataDir)
    {
        var path = Path.GetFullPath(dataDir);
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupConfigurationException(
                $"Slurp:DataDir '{path}' cannot be used ({ex.Message}); point it at a folder this user may create and write", ex);
        }
    }
}
