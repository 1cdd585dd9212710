namespace Slurp.Host.Configuration;

/// <summary>
/// A setting (or a file it names) that keeps the service from starting, with a message that says what is wrong and
/// how to fix it. The host prints the message and exits with code 1 (<see cref="StartupFailure"/>) instead of a
/// stack trace: nothing is broken in the code, and the operator needs the sentence, not the frames.
/// </summary>
public sealed class StartupConfigurationException : InvalidOperationException
{
    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
