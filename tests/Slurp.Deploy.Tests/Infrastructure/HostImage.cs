namespace Slurp.Deploy.Tests.Infrastructure;

/// <summary>Recognizes the host image (<c>deploy/Dockerfile</c>) in Compose services and Kubernetes containers, whatever registry or tag.</summary>
internal static class HostImage
{
    public const string Repository = "slurp-host";

    public static bool Matches(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return false;
        }

        var withoutDigest = image.Split('@')[0];
        var lastSegment = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        return lastSegment.Split(':')[0] == Repository;
    }

    /// <summary>Whether arguments run the one-shot schema mode instead of a silo.</summary>
    public static bool IsDbInit(IReadOnlyList<string> arguments) =>
        arguments.Zip(arguments.Skip(1)).Any(p => p is ("db", "init"));
}
