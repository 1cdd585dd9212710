using Npgsql;
using Slurp.Host.Silo;

namespace Slurp.Api.Tests.Hosting;

/// <summary>The Npgsql settings the PostgreSQL profile adds unless the operator's connection string sets them.</summary>
public sealed class PostgresConnectionTuningTests
{
    [Fact]
    public void AStringWithoutThemGetsNoResetOnCloseAndAutoPrepare()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Apply("Host=db;Database=slurp;Username=slurp;Password=secret"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(PostgresConnectionTuning.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(("db", "slurp", "slurp", "secret"), (tuned.Host, tuned.Database, tuned.Username, tuned.Password));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;NoResetOnClose=false;MaxAutoPrepare=0")]
    [InlineData("host=db;no reset on close=False;max auto prepare=0")]
    public void WhatTheOperatorSetWinsHoweverItIsSpelled(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.Apply(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db", 16, 16)]
    [InlineData("Host=db;Maximum Pool Size=8", 16, 8)]
    public void TheOwnPoolIsCappedButNeverRaised(string connectionString, int cap, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.WithMaxPool(connectionString, cap)).MaxPoolSize);
}
