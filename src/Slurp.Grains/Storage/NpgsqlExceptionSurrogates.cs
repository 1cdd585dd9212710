using System.Runtime.ExceptionServices;
using Npgsql;

namespace Slurp.Grains.Storage;

// Orleans cannot serialize Npgsql's exceptions: its generic exception codec only takes types from the Microsoft,
// System and Azure namespaces. On the PostgreSQL profile a grain-storage call that fails on one silo (the state read
// while activating a grain, a WriteStateAsync) fails the call with an OrleansException wrapping the Npgsql exception;
// when the caller is on another silo, serializing that answer failed, and the caller got a CodecNotFoundException
// instead: the front door could not tell "database connection lost, retry" from a bug, and answered 500.
// These surrogates carry the two exception types across silos with what the front door classifies on (the type,
// SqlState, IsTransient through the inner exception) and the message and stack trace for the logs.

/// <summary>Wire form of <see cref="PostgresException"/>: every field PostgreSQL reported, and the stack trace.</summary>
[GenerateSerializer, Immutable, Alias("slurp.PostgresExceptionSurrogate")]
public readonly record struct PostgresExceptionSurrogate
{
    [Id(0)] public string MessageText { get; init; }
    [Id(1)] public string Severity { get; init; }
    [Id(2)] public string InvariantSeverity { get; init; }
    [Id(3)] public string SqlState { get; init; }
    [Id(4)] public string? Detail { get; init; }
    [Id(5)] public string? Hint { get; init; }
    [Id(6)] public int Position { get; init; }
    [Id(7)] public int InternalPosition { get; init; }
    [Id(8)] public string? InternalQuery { get; init; }
    [Id(9)] public string? Where { get; init; }
    [Id(10)] public string? SchemaName { get; init; }
    [Id(11)] public string? TableName { get; init; }
    [Id(12)] public string? ColumnName { get; init; }
    [Id(13)] public string? DataTypeName { get; init; }
    [Id(14)] public string? ConstraintName { get; init; }
    [Id(15)] public string? File { get; init; }
    [Id(16)] public string? Line { get; init; }
    [Id(17)] public string? Routine { get; init; }
    [Id(18)] public string? StackTrace { get; init; }
}

/// <summary>Converts <see cref="PostgresException"/> to and from its wire form, so its SqlState survives the trip.</summary>
[RegisterConverter]
public sealed class PostgresExceptionConverter : IConverter<PostgresException, PostgresExceptionSurrogate>
{
    public PostgresException ConvertFromSurrogate(in PostgresExceptionSurrogate surrogate)
    {
        var exception = new PostgresException(
            surrogate.MessageText, surrogate.Severity, surrogate.InvariantSeverity, surrogate.SqlState,
            surrogate.Detail, surrogate.Hint, surrogate.Position, surrogate.InternalPosition, surrogate.InternalQuery,
            surrogate.Where, surrogate.SchemaName, surrogate.TableName, surrogate.ColumnName, surrogate.DataTypeName,
            surrogate.ConstraintName, surrogate.File, surrogate.Line, surrogate.Routine);
        return NpgsqlExceptionConverter.WithRemoteStackTrace(exception, surrogate.StackTrace);
    }

    public PostgresExceptionSurrogate ConvertToSurrogate(in PostgresException value) => new()
    {
        MessageText = value.MessageText,
        Severity = value.Severity,
        InvariantSeverity = value.InvariantSeverity,
        SqlState = value.SqlState,
        Detail = value.Detail,
        Hint = value.Hint,
        Position = value.Position,
        InternalPosition = value.InternalPosition,
        InternalQuery = value.InternalQuery,
        Where = value.Where,
        SchemaName = value.SchemaName,
        TableName = value.TableName,
        ColumnName = value.ColumnName,
        DataTypeName = value.DataTypeName,
        ConstraintName = value.ConstraintName,
        File = value.File,
        Line = value.Line,
        Routine = value.Routine,
        StackTrace = value.StackTrace,
    };
}

/// <summary>Wire form of <see cref="NpgsqlException"/>: the message, the inner exception (which decides IsTransient) and the stack trace.</summary>
[GenerateSerializer, Immutable, Alias("slurp.NpgsqlExceptionSurrogate")]
public readonly record struct NpgsqlExceptionSurrogate
{
    [Id(0)] public string Message { get; init; }
    [Id(1)] public Exception? InnerException { get; init; }
    [Id(2)] public string? StackTrace { get; init; }
}

/// <summary>Converts <see cref="NpgsqlException"/> (connection failures: refused, reset, timed out) to and from its wire form.</summary>
[RegisterConverter]
public sealed class NpgsqlExceptionConverter : IConverter<NpgsqlException, NpgsqlExceptionSurrogate>
{
    public NpgsqlException ConvertFromSurrogate(in NpgsqlExceptionSurrogate surrogate) =>
        WithRemoteStackTrace(new NpgsqlException(surrogate.Message, surrogate.InnerException), surrogate.StackTrace);

    public NpgsqlExceptionSurrogate ConvertToSurrogate(in NpgsqlException value) => new()
    {
        Message = value.Message,
        InnerException = value.InnerException,
        StackTrace = value.StackTrace,
    };

    internal static T WithRemoteStackTrace<T>(T exception, string? stackTrace) where T : Exception =>
        stackTrace is { Length: > 0 } ? (T)ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace) : exception;
}
