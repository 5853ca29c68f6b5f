using System.Data;
using System.Globalization;
using Dapper;

namespace Headless.Api.Common.Database;

/// <summary>
/// Instants are stored as fixed-width UTC ISO-8601 text (<c>2026-11-20T09:30:00.0000000Z</c>), which sorts
/// correctly as text. This is the one place that formats and parses them.
/// </summary>
public static class UtcInstant
{
    public const string StorageFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(StorageFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Registers the Dapper handler once; Dapper's built-in mapping for DateTimeOffset is replaced.</summary>
    public static void RegisterDapperHandler()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new DapperHandler());
    }

    internal sealed class DapperHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = Format(value);
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            string text => UtcInstant.Parse(text),
            DateTimeOffset instant => instant.ToUniversalTime(),
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read an instant from {value.GetType().Name}."),
        };
    }
}
