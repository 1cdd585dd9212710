using Slurp.Storage.Postgres;

namespace Slurp.Host.Configuration;

/// <summary>
/// Tells a start-up problem the operator can fix (a setting, a file, the database's reach or schema) from a fault
/// in the code, through the wrappers the host and Orleans' silo lifecycle put around it.
/// </summary>
internal static class StartupFailure
{
    /// <summary>Exit code of a start refused for a reason <see cref="Explain"/> found.</summary>
    public const int ExitCode = 1;

    /// <summary>
    /// For <see cref="AppDomain.UnhandledException"/>: a start-up problem is told in one line on stderr and the process
    /// exits with <see cref="ExitCode"/>; anything else is left to the runtime (its stack trace, then the abort).
    /// </summary>
    public static void ExitWithReason(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is Exception exception && Explain(exception) is { } reason)
        {
            Console.Error.WriteLine($"slurp: cannot start: {reason}");
            Console.Error.Flush();
            Environment.Exit(ExitCode);
        }
    }

    /// <summary>The operator's sentence for <paramref name="exception"/>, or null when it is a fault to report with its stack.</summary>
    public static string? Explain(Exception exception)
    {
        for (Exception? ex = exception; ex is not null; ex = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex.InnerException)
        {
            if (ex is StartupConfigurationException or PostgresSchemaException or Microsoft.Extensions.Options.OptionsValidationException
                || IsBinderConversion(ex))
            {
                return ex.Message;
            }
        }

        return null;
    }

    // "Failed to convert configuration value 'lots' at 'Slurp:Api:MaxBodyBytes' to type 'System.Int64'": a setting
    // of the wrong type, named by the binder itself.
    private static bool IsBinderConversion(Exception ex) =>
        ex is InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" };
}
