using System.Collections.Concurrent;
using Headless.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Headless.Api.Tests.Observability;

/// <summary>One captured log entry: its category, formatted message, structured values and exception text.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values, string? Exception)
{
    /// <summary>Everything the entry would write anywhere, to search for text that must not be there.</summary>
    public string AllText => string.Join('\n', [Category, Message, .. Values.Select(v => $"{v.Key}={v.Value}"), Exception ?? ""]);
}

/// <summary>A logger provider that keeps every entry in memory.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CaptureLogger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class CaptureLogger(string category, LogCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            owner.Entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), [.. values], exception?.ToString()));
        }
    }
}

/// <summary>The API with every log entry, down to Debug, captured in <see cref="Logs"/>.</summary>
public sealed class LogCaptureApiFactory : ApiFactory
{
    public LogCapture Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Logging:LogLevel:Default", "Debug"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Debug"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
