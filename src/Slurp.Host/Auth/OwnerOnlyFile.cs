using System.Text;

namespace Slurp.Host.Auth;

/// <summary>Writes secrets to files only their owner can read (mode 0600), atomically.</summary>
internal static class OwnerOnlyFile
{
    /// <summary>
    /// Writes to a temporary 0600 file, fsyncs it and renames it into place, so a crash leaves either no file
    /// or a complete one. Without <paramref name="overwrite"/> an existing file wins (an <see cref="IOException"/>).
    /// </summary>
    public static void Write(string path, string content, bool overwrite = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, fileOptions))
            {
                stream.Write(Encoding.UTF8.GetBytes(content + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
