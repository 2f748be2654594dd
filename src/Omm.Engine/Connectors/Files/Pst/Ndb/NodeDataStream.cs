using System;
using System.IO;

namespace Omm.Engine.Connectors.Files.Pst.Ndb
{
    /// <summary>A read-only, seekable stream over a node's data, reading one block at a time.</summary>
    internal sealed class NodeDataStream : Stream
    {
        private readonly NodeData _data;
        private long _position;
        private int _blockIndex = -1;
        private long _blockStart;
        private byte[] _block = Array.Empty<byte>();

        public NodeDataStream(NodeData data)
        {
            _data = data;
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => _data.Length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (buffer == null)
                throw new ArgumentNullException(nameof(buffer));
            if (offset < 0 || count < 0 || offset > buffer.Length - count)
                throw new ArgumentOutOfRangeException(nameof(count));
            var total = 0;
            while (count > 0 && _position < _data.Length)
            {
                Locate();
                var inBlock = (int)(_position - _blockStart);
                var n = Math.Min(count, _block.Length - inBlock);
                if (n <= 0)
                    break;
                Buffer.BlockCopy(_block, inBlock, buffer, offset, n);
                offset += n;
                count -= n;
                total += n;
                _position += n;
            }

            return total;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => _data.Length + offset,
            };
            if (target < 0)
                throw new IOException("Cannot seek before the start of the attachment data.");
            _position = target;
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Locate()
        {
            if (_blockIndex >= 0 && _position >= _blockStart && _position < _blockStart + _block.Length)
                return;
            if (_blockIndex >= 0 && _blockIndex + 1 < _data.BlockCount && _position == _blockStart + _block.Length)
            {
                _blockStart += _block.Length;
                _blockIndex++;
                _block = _data.GetBlock(_blockIndex);
                if (_block.Length > 0)
                    return;
            }

            long start = 0;
            for (var i = 0; i < _data.BlockCount; i++)
            {
                var length = _data.BlockLength(i);
                if (_position < start + length)
                {
                    _block = _data.GetBlock(i);
                    _blockIndex = i;
                    _blockStart = start;
                    return;
                }

                start += length;
            }

            _block = Array.Empty<byte>();
            _blockIndex = -1;
            _blockStart = _data.Length;
        }
    }
}
