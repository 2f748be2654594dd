using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Omm.Engine.Accounts
{
    /// <summary>Reads an accounts list from a CSV file (';' or ',' detected) or the first sheet of an .xlsx workbook.</summary>
    public static class AccountFileReader
    {
        /// <exception cref="AccountFileException">The file cannot be read, is not a CSV or workbook, or has no header row.</exception>
        public static IReadOnlyList<AccountRow> Read(string path)
        {
            var name = Path.GetFileName(path);
            try
            {
                var extension = Path.GetExtension(path).ToLowerInvariant();
                return extension == ".xlsx" || extension == ".xls" ? ReadWorkbook(path, name) : ReadCsv(path, name);
            }
            catch (Exception e) when (e is CsvHelperException || e is ExcelDataReader.Exceptions.ExcelReaderException || e is InvalidDataException
                                      || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException || e is ArgumentException)
            {
                throw new AccountFileException($"'{path}' cannot be read as an accounts list: {e.Message}", e);
            }
        }

        private static IReadOnlyList<AccountRow> ReadCsv(string path, string name)
        {
            var text = File.ReadAllText(path, Encoding.UTF8);
            var firstLine = text.Split('\n')[0];
            var delimiter = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ";" : ",";
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = delimiter,
                HasHeaderRecord = true,
                BadDataFound = null,
                MissingFieldFound = null,
                TrimOptions = TrimOptions.Trim,
            };
            using var reader = new StringReader(text);
            using var csv = new CsvReader(reader, configuration);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord == null)
                throw new InvalidDataException("it has no header row.");
            var headers = csv.HeaderRecord;
            var rows = new List<AccountRow>();
            while (csv.Read())
            {
                var cells = headers.Select((header, i) => new KeyValuePair<string, string?>(header, csv.TryGetField<string>(i, out var value) ? value : null)).ToList();
                if (cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
                    continue;
                rows.Add(new AccountRow(rows.Count + 1, name, cells));
            }

            return rows;
        }

        private static IReadOnlyList<AccountRow> ReadWorkbook(string path, string name)
        {
            EnsureCodePages();
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            if (!reader.Read())
                throw new InvalidDataException("its first sheet has no header row.");
            var headers = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty).ToList();
            var rows = new List<AccountRow>();
            while (reader.Read())
            {
                var cells = headers.Select((header, i) => new KeyValuePair<string, string?>(header,
                    i < reader.FieldCount ? Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) : null)).ToList();
                if (cells.All(c => string.IsNullOrWhiteSpace(c.Value)))
                    continue;
                rows.Add(new AccountRow(rows.Count + 1, name, cells));
            }

            return rows;
        }

        private static bool codePagesRegistered;

        private static void EnsureCodePages()
        {
            if (codePagesRegistered)
                return;
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            codePagesRegistered = true;
        }
    }
}
