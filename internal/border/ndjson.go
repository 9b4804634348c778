package border

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"
	"unsafe"
)

// MaxLineLen bounds an NDJSON line. A longer line is reported as
// line.too_long and skipped up to its newline, so one runaway line cannot
// exhaust memory or desynchronize the stream.
const MaxLineLen = 64 << 10

// Reader reads shipments from NDJSON, one object per line. Blank lines are
// skipped; a line that is not a shipment yields a *LineError and the
// reader goes on with the next line. Use it like bufio.Scanner:
//
//	for r.Scan() { if e := r.LineErr(); e != nil { … } else { use r.Shipment() } }
//	if err := r.Err(); err != nil { … }
type Reader struct {
	br      *bufio.Reader
	line    int
	sh      Shipment
	cards   []string // reused for every line's driver cards
	lineErr *LineError
	err     error
	done    bool
	// borrow makes Scan decode in place: the shipment's strings alias the
	// read buffer and are valid only until the next Scan. Only ScreenStream
	// sets it, as it is done with each shipment before reading on.
	borrow bool
}

// NewReader returns a Reader on r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, MaxLineLen+1)}
}

// Scan advances to the next non-blank line and reports whether there is
// one. It returns false at the end of input or on a read error (see Err).
func (r *Reader) Scan() bool {
	for !r.done {
		raw, tooLong, err := r.readLine()
		if err != nil {
			r.done = true
			if !errors.Is(err, io.EOF) {
				r.err = fmt.Errorf("border: read line %d: %w", r.line+1, err)
				return false
			}
			if len(raw) == 0 && !tooLong {
				return false
			}
		}
		r.line++
		if tooLong {
			r.lineErr = &LineError{Line: r.line, Code: CodeTooLong,
				Message: fmt.Sprintf("line longer than %d bytes", MaxLineLen)}
			return true
		}
		if blank(raw) {
			continue
		}
		r.sh = Shipment{}
		var src string
		if r.borrow {
			src = unsafe.String(unsafe.SliceData(raw), len(raw))
		} else {
			src = string(raw)
		}
		r.cards, r.lineErr = decodeShipment(src, &r.sh, r.cards[:0])
		if r.lineErr != nil {
			r.lineErr.Line = r.line
		}
		return true
	}
	return false
}

// readLine returns the next line without its newline. A line longer than
// MaxLineLen is consumed up to its newline and reported as tooLong.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	line, err = r.br.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		_, err = r.br.ReadSlice('\n')
	}
	if len(line) > 0 && line[len(line)-1] == '\n' {
		line = line[:len(line)-1]
	}
	if len(line) > MaxLineLen {
		tooLong = true
	}
	return line, tooLong, err
}

// Line returns the 1-based number of the current line.
func (r *Reader) Line() int { return r.line }

// Shipment returns the current line's shipment. Its DriverCards slice is
// reused by the next Scan; copy it to keep it.
func (r *Reader) Shipment() Shipment { return r.sh }

// LineErr returns why the current line is not a shipment, or nil.
func (r *Reader) LineErr() *LineError { return r.lineErr }

// Err returns the read error that ended the stream, or nil at end of input.
func (r *Reader) Err() error { return r.err }

// blank reports whether line holds only JSON white space.
func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// ScreenStream screens every shipment line of in against snap and writes
// one NDJSON line per non-blank input line, in order: the decision with a
// leading "line" member, or {"line":N,"error":{"code":…,"message":…}}.
// It returns how many lines it answered and the first read or write error.
// Answers are buffered, and flushed whenever the reader must wait for more
// input: a client that sends a line and waits for its answer gets it.
func ScreenStream(in io.Reader, out io.Writer, snap *Snapshot, now time.Time) (int, error) {
	bw := bufio.NewWriterSize(out, 64<<10)
	rd := NewReader(flushBeforeRead{r: in, w: bw})
	rd.borrow = true
	var (
		buf     []byte
		reasons []Reason
		n       int
	)
	for rd.Scan() {
		buf = buf[:0]
		if e := rd.LineErr(); e != nil {
			buf = appendLineError(buf, e)
		} else {
			sh := rd.Shipment()
			d := snap.screen(&sh, now, reasons[:0])
			reasons = d.Reasons
			buf = appendDecision(buf, d, rd.Line())
		}
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return n, fmt.Errorf("border: write answer to line %d: %w", rd.Line(), err)
		}
		n++
	}
	if err := rd.Err(); err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("border: flush answers: %w", err)
	}
	return n, nil
}

// flushBeforeRead writes out the answers buffered so far before reading
// more input, which may block.
type flushBeforeRead struct {
	r io.Reader
	w *bufio.Writer
}

func (f flushBeforeRead) Read(p []byte) (int, error) {
	if f.w.Buffered() > 0 {
		if err := f.w.Flush(); err != nil {
			return 0, err
		}
	}
	return f.r.Read(p)
}
