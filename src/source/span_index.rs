//! Byte spans of JSON values and member names, looked up by JSON Pointer.
//!
//! serde_json throws positions away, and a JSON Schema validator reports its
//! findings at JSON Pointers (RFC 6901). [`SpanIndex`] scans the source text
//! once more, iteratively and in linear time, and answers "where in the text is
//! the value at `/offerLines/0/amount`, and where is the key `"amount"`?". It
//! also reports member names that occur more than once in the same object,
//! which serde_json accepts silently (it keeps the last one).
//!
//! The index is a flat `Vec` of nodes (parent, key span, value span, decoded
//! key as a range into one shared string). Object members are found through a
//! hash of `(parent node, decoded key)`; array elements through a contiguous
//! per-array list of child nodes. Nothing is stored per node that grows with
//! the depth, so memory stays proportional to the text.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};

use super::span::Span;

/// How many containers (objects and arrays) deep the index goes.
///
/// The root container is level 1. A container at level `MAX_DEPTH + 1` still
/// gets its own value span (and key span), but nothing inside it is indexed and
/// [`SpanIndex::depth_exceeded`] becomes `true`. serde_json itself refuses
/// documents nested 128 levels deep, so no valid payload is cut short.
pub const MAX_DEPTH: usize = 128;

thread_local! {
    static BUILDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many span indexes this thread has built: lets tests prove that a valid payload never
/// pays for one.
#[doc(hidden)]
pub fn builds_on_this_thread() -> usize {
    BUILDS.with(std::cell::Cell::get)
}

/// "No node" / "no offset" marker in the `u32` fields below.
const NONE: u32 = u32::MAX;

/// What a node holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A string, number or literal.
    Scalar,
    /// An array: its elements are `elems[children..children + child_count]`.
    Array,
    /// An object: its members are found through `SpanIndex::members`.
    Object,
    /// A container beyond [`MAX_DEPTH`]: its span is known, its content is not.
    Skipped,
}

/// One value of the document. Offsets are relative to the scanned text.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Index of the enclosing container's node, `NONE` for the root.
    parent: u32,
    kind: Kind,
    /// First byte of the value.
    value_start: u32,
    /// One past the last byte of the value, `NONE` while (or if never) closed.
    value_end: u32,
    /// The key token, quotes included; `NONE` unless the node is a member.
    key_start: u32,
    key_end: u32,
    /// Members: offset of the decoded key in `SpanIndex::names`.
    /// Array elements: the element's index.
    name_start: u32,
    /// Members: length of the decoded key. `NONE` for array elements and the root.
    name_len: u32,
    /// Next member node whose `(parent, key)` hash is the same (collisions).
    chain: u32,
    /// Arrays: where the element list starts in `SpanIndex::elems`, and its length.
    children: u32,
    child_count: u32,
}

/// One member name that occurs twice (or more) in the same object.
///
/// serde_json keeps the last occurrence; every later occurrence is reported
/// once, always paired with the *first* occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// JSON Pointer of the object holding the keys (`""` for the root object).
    pub object_pointer: String,
    /// The decoded member name.
    pub key: String,
    /// Span of the first occurrence's key token, quotes included.
    pub first_key: Span,
    /// Span of the first occurrence's value.
    pub first_value: Span,
    /// Span of this later occurrence's key token, quotes included.
    pub key_span: Span,
    /// Span of this later occurrence's value.
    pub value_span: Span,
}

/// Hasher for keys that already are well-mixed 64-bit hashes.
#[derive(Debug, Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; this keeps the hasher total anyway.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `(parent, key)` hash → most recent member node with that hash.
type MemberMap = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// Byte spans of every value (and member key) of a JSON text, by JSON Pointer.
///
/// Build it with [`SpanIndex::build`], then ask [`SpanIndex::value`] and
/// [`SpanIndex::key`]. Building is linear in the text; a lookup costs one hash
/// per object member on the pointer's path.
#[derive(Debug, Clone)]
pub struct SpanIndex {
    /// What every returned offset is shifted by.
    base: usize,
    /// All nodes, in source order of their first byte; node 0 is the root.
    nodes: Vec<Node>,
    /// Every decoded member name, back to back.
    names: String,
    /// Array element lists, each contiguous.
    elems: Vec<u32>,
    /// Member lookup.
    members: MemberMap,
    /// Keys the member hashes (random per index, so hash flooding is moot).
    hasher: RandomState,
    /// Duplicate member names, in source order of the later occurrence.
    dups: Vec<DuplicateKey>,
    /// Whether some container was nested deeper than [`MAX_DEPTH`].
    depth_exceeded: bool,
}

impl SpanIndex {
    /// Scans `text` (JSON, already known or believed to be valid; the BOM, if
    /// any, already stripped by the caller) and records spans; every offset is
    /// shifted by `base` (the caller passes 3 when it stripped a UTF-8 BOM, 0
    /// otherwise).
    ///
    /// Never panics. On text it cannot scan (invalid JSON, truncated text,
    /// invalid escapes, control characters in strings, a member name with a
    /// lone surrogate escape) it stops there and keeps what it indexed so far:
    /// containers left open have no value span, but what was complete inside
    /// them can still be looked up. Anything after a complete root value is
    /// ignored. Texts longer than `u32::MAX - 1` bytes are indexed up to that
    /// length only.
    pub fn build(text: &str, base: usize) -> SpanIndex {
        BUILDS.with(|n| n.set(n.get() + 1));
        let limit = text.len().min(NONE as usize - 1);
        let mut b = Builder {
            text,
            b: &text.as_bytes()[..limit],
            idx: SpanIndex {
                base,
                nodes: Vec::with_capacity(limit / 16 + 1),
                names: String::with_capacity(limit / 4),
                elems: Vec::new(),
                members: MemberMap::with_capacity_and_hasher(limit / 32, Default::default()),
                hasher: RandomState::new(),
                dups: Vec::new(),
                depth_exceeded: false,
            },
            stack: Vec::new(),
            pending: Vec::new(),
            first_of: HashMap::new(),
            dup_nodes: Vec::new(),
            pointer_budget: limit.saturating_mul(2).saturating_add(1 << 12),
        };
        b.run();
        b.finish()
    }

    /// The span of the value at `pointer` (RFC 6901, `""` for the root): a
    /// string's span includes its quotes, an object or array runs from its
    /// opening to its closing bracket inclusive, numbers and literals are
    /// exact.
    ///
    /// When a member name occurs more than once in an object, the pointer
    /// resolves to the last occurrence (the one serde_json keeps), and nothing
    /// under the earlier occurrences is reachable. `None` if nothing is there,
    /// if the pointer is malformed, or if the value was never closed
    /// (truncated text).
    pub fn value(&self, pointer: &str) -> Option<Span> {
        let node = self.find(pointer)?;
        (node.value_end != NONE).then(|| self.span(node.value_start, node.value_end))
    }

    /// The span of the key token (quotes included, escapes as written) of the
    /// object member at `pointer`; the last occurrence when the name is
    /// duplicated. `None` for the root, for array elements, and when nothing
    /// is there.
    pub fn key(&self, pointer: &str) -> Option<Span> {
        let node = self.find(pointer)?;
        (node.key_end != NONE).then(|| self.span(node.key_start, node.key_end))
    }

    /// Every later occurrence of a member name already present in the same
    /// object, in source order of that later occurrence.
    ///
    /// Duplicates inside containers beyond [`MAX_DEPTH`] are not seen. To keep
    /// memory linear in pathological texts (thousands of duplicates under very
    /// long pointers), the list stops growing once the `object_pointer`
    /// strings would add up to more than twice the text length plus 4 KiB.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.dups
    }

    /// `true` if some container was nested deeper than [`MAX_DEPTH`] levels;
    /// what lies inside it was not indexed.
    pub fn depth_exceeded(&self) -> bool {
        self.depth_exceeded
    }

    /// A span from relative offsets.
    fn span(&self, start: u32, end: u32) -> Span {
        Span::new(
            self.base.saturating_add(start as usize),
            end.saturating_sub(start) as usize,
        )
    }

    /// The value span of `node`; empty (at its start) if it was never closed.
    fn value_span(&self, node: &Node) -> Span {
        if node.value_end == NONE {
            self.span(node.value_start, node.value_start)
        } else {
            self.span(node.value_start, node.value_end)
        }
    }

    /// The decoded key of a member node.
    fn name(&self, node: &Node) -> &str {
        let start = node.name_start as usize;
        self.names
            .get(start..start + node.name_len as usize)
            .unwrap_or_default()
    }

    /// The hash under which member `name` of object node `parent` is filed.
    fn slot(&self, parent: u32, name: &str) -> u64 {
        let mut h = self.hasher.build_hasher();
        h.write_u32(parent);
        h.write(name.as_bytes());
        h.finish()
    }

    /// The node of the (last) member `name` of object node `parent`.
    fn member(&self, parent: u32, name: &str) -> Option<u32> {
        let mut id = *self.members.get(&self.slot(parent, name))?;
        while id != NONE {
            let node = self.nodes.get(id as usize)?;
            if node.parent == parent && self.name(node) == name {
                return Some(id);
            }
            id = node.chain;
        }
        None
    }

    /// The node at `pointer`.
    fn find(&self, pointer: &str) -> Option<&Node> {
        let mut node = self.nodes.first()?;
        if pointer.is_empty() {
            return Some(node);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut id = 0u32;
        let mut buf = String::new();
        for raw in rest.split('/') {
            id = match node.kind {
                Kind::Array => {
                    let i = parse_index(raw)?;
                    if i >= node.child_count {
                        return None;
                    }
                    *self.elems.get((node.children + i) as usize)?
                }
                Kind::Object => {
                    let segment = if raw.contains('~') {
                        unescape_segment(raw, &mut buf);
                        buf.as_str()
                    } else {
                        raw
                    };
                    self.member(id, segment)?
                }
                Kind::Scalar | Kind::Skipped => return None,
            };
            node = self.nodes.get(id as usize)?;
        }
        Some(node)
    }

    /// The JSON Pointer of node `id`, or `None` if it would not fit in `budget`
    /// (which is then reduced by its length).
    fn pointer_of(&self, id: u32, budget: &mut usize) -> Option<String> {
        let mut path = Vec::new();
        let mut len = 0usize;
        let mut cur = id;
        while let Some(node) = self.nodes.get(cur as usize) {
            if node.parent == NONE {
                break;
            }
            len += 1 + if node.name_len == NONE {
                10
            } else {
                let name = self.name(node);
                name.len() + name.bytes().filter(|&c| c == b'/' || c == b'~').count()
            };
            if len > *budget {
                return None;
            }
            path.push(cur);
            cur = node.parent;
        }
        *budget -= len;
        let mut out = String::with_capacity(len);
        for &id in path.iter().rev() {
            let node = &self.nodes[id as usize];
            out.push('/');
            if node.name_len == NONE {
                out.push_str(&node.name_start.to_string());
            } else {
                for c in self.name(node).chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
        }
        Some(out)
    }
}

/// An RFC 6901 array index: `0` or digits without a leading zero.
fn parse_index(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

/// Decodes `~1` to `/` and `~0` to `~` into `out`, leaving any other `~` as is
/// (the same result as serde_json's `Value::pointer`).
fn unescape_segment(raw: &str, out: &mut String) {
    out.clear();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.peek() {
                Some('0') => {
                    chars.next();
                    out.push('~');
                }
                Some('1') => {
                    chars.next();
                    out.push('/');
                }
                _ => out.push('~'),
            }
        } else {
            out.push(c);
        }
    }
}

/// JSON whitespace (RFC 8259): space, tab, line feed, carriage return.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// Scans the string starting with the quote at `start`. Returns one past the
/// closing quote and whether it contains a backslash, or `None` if the string
/// is unterminated or holds an invalid escape or a raw control character.
fn scan_string(b: &[u8], start: usize) -> Option<(usize, bool)> {
    let mut i = start + 1;
    let mut escaped = false;
    loop {
        match *b.get(i)? {
            b'"' => return Some((i + 1, escaped)),
            b'\\' => {
                escaped = true;
                match *b.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        let hex = b.get(i + 2..i + 6)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        i += 6;
                    }
                    _ => return None,
                }
            }
            0..=0x1f => return None,
            _ => i += 1,
        }
    }
}

/// Scans the number starting at `start` (RFC 8259 grammar); one past its end.
fn scan_number(b: &[u8], start: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = start;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = digits(i + 1),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        let end = digits(i + 1);
        if end == i + 1 {
            return None;
        }
        i = end;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let end = digits(i);
        if end == i {
            return None;
        }
        i = end;
    }
    Some(i)
}

/// Skips the container opening at `start` without indexing it, counting
/// brackets only (no allocation, whatever the depth). One past its end.
fn skip_container(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        match *b.get(i)? {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' => {
                i = scan_string(b, i)?.0;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

/// An open container being scanned.
#[derive(Debug, Clone, Copy)]
struct Frame {
    node: u32,
    object: bool,
    /// Arrays: how many elements so far.
    count: u32,
    /// Arrays: where this array's elements start in `Builder::pending`.
    pending_start: usize,
}

/// A member key just read, waiting for its value.
#[derive(Debug, Clone, Copy)]
struct PendingKey {
    key_start: u32,
    key_end: u32,
    name_start: u32,
    name_len: u32,
}

/// Where the scanner is in the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// A value is expected.
    Value,
    /// A value just ended.
    AfterValue,
    /// Just after `{`: a key or `}`.
    FirstKey,
    /// After `,` in an object: a key.
    Key,
    /// Just after `[`: a value or `]`.
    FirstElem,
}

/// The state of one [`SpanIndex::build`].
struct Builder<'t> {
    text: &'t str,
    /// The scanned bytes (at most `u32::MAX - 1` of them).
    b: &'t [u8],
    idx: SpanIndex,
    stack: Vec<Frame>,
    /// Element nodes of the open arrays, innermost array last.
    pending: Vec<u32>,
    /// Later occurrence of a duplicated key → its first occurrence.
    first_of: HashMap<u32, u32>,
    /// The later-occurrence node of each entry of `SpanIndex::dups`.
    dup_nodes: Vec<u32>,
    /// How many more bytes of `object_pointer` strings may be stored.
    pointer_budget: usize,
}

impl Builder<'_> {
    /// Scans until the root value ends or the text cannot be scanned further.
    fn run(&mut self) {
        let b = self.b;
        let mut i = 0usize;
        let mut state = State::Value;
        let mut key: Option<PendingKey> = None;
        loop {
            i = skip_ws(b, i);
            let Some(&c) = b.get(i) else { return };
            match state {
                State::Value => match c {
                    b'{' | b'[' if self.stack.len() >= MAX_DEPTH => {
                        self.idx.depth_exceeded = true;
                        let Some(end) = skip_container(b, i) else {
                            return;
                        };
                        if self.push_node(Kind::Skipped, i, end, key.take()).is_none() {
                            return;
                        }
                        i = end;
                        state = State::AfterValue;
                    }
                    b'{' | b'[' => {
                        let object = c == b'{';
                        let kind = if object { Kind::Object } else { Kind::Array };
                        let Some(node) = self.push_node(kind, i, NONE as usize, key.take()) else {
                            return;
                        };
                        self.stack.push(Frame {
                            node,
                            object,
                            count: 0,
                            pending_start: self.pending.len(),
                        });
                        i += 1;
                        state = if object {
                            State::FirstKey
                        } else {
                            State::FirstElem
                        };
                    }
                    _ => {
                        let end = match c {
                            b'"' => scan_string(b, i).map(|(end, _)| end),
                            b'-' | b'0'..=b'9' => scan_number(b, i),
                            b't' => b[i..].starts_with(b"true").then_some(i + 4),
                            b'f' => b[i..].starts_with(b"false").then_some(i + 5),
                            b'n' => b[i..].starts_with(b"null").then_some(i + 4),
                            _ => None,
                        };
                        let Some(end) = end else { return };
                        if self.push_node(Kind::Scalar, i, end, key.take()).is_none() {
                            return;
                        }
                        i = end;
                        state = State::AfterValue;
                    }
                },
                State::FirstElem if c == b']' => {
                    self.close(i);
                    i += 1;
                    state = State::AfterValue;
                }
                State::FirstElem => state = State::Value,
                State::FirstKey if c == b'}' => {
                    self.close(i);
                    i += 1;
                    state = State::AfterValue;
                }
                State::FirstKey | State::Key => {
                    if c != b'"' {
                        return;
                    }
                    let Some((end, escaped)) = scan_string(b, i) else {
                        return;
                    };
                    let Some(pending) = self.read_key(i, end, escaped) else {
                        return;
                    };
                    i = skip_ws(b, end);
                    if b.get(i) != Some(&b':') {
                        return;
                    }
                    i += 1;
                    key = Some(pending);
                    state = State::Value;
                }
                State::AfterValue => {
                    let Some(frame) = self.stack.last() else {
                        return; // the root value is complete
                    };
                    match c {
                        b',' => {
                            i += 1;
                            state = if frame.object {
                                State::Key
                            } else {
                                State::Value
                            };
                        }
                        b'}' if frame.object => {
                            self.close(i);
                            i += 1;
                        }
                        b']' if !frame.object => {
                            self.close(i);
                            i += 1;
                        }
                        _ => return,
                    }
                }
            }
        }
    }

    /// Decodes the key token `start..end` into the name arena.
    fn read_key(&mut self, start: usize, end: usize, escaped: bool) -> Option<PendingKey> {
        let name_start = self.idx.names.len();
        if escaped {
            let decoded: String = serde_json::from_str(self.text.get(start..end)?).ok()?;
            self.idx.names.push_str(&decoded);
        } else {
            self.idx.names.push_str(self.text.get(start + 1..end - 1)?);
        }
        let name_len = self.idx.names.len() - name_start;
        Some(PendingKey {
            key_start: start as u32,
            key_end: end as u32,
            name_start: u32::try_from(name_start).ok()?,
            name_len: u32::try_from(name_len).ok().filter(|&n| n != NONE)?,
        })
    }

    /// Adds the node for a value at `start..end` (`end` = `NONE` while open)
    /// to the enclosing container. `None` if it cannot be added.
    fn push_node(
        &mut self,
        kind: Kind,
        start: usize,
        end: usize,
        key: Option<PendingKey>,
    ) -> Option<u32> {
        let id = u32::try_from(self.idx.nodes.len())
            .ok()
            .filter(|&n| n != NONE)?;
        let mut node = Node {
            parent: NONE,
            kind,
            value_start: start as u32,
            value_end: end as u32,
            key_start: NONE,
            key_end: NONE,
            name_start: 0,
            name_len: NONE,
            chain: NONE,
            children: 0,
            child_count: 0,
        };
        let Some(frame) = self.stack.last_mut() else {
            // The root: only one.
            if id != 0 {
                return None;
            }
            self.idx.nodes.push(node);
            return Some(id);
        };
        node.parent = frame.node;
        if frame.object {
            let key = key?;
            node.key_start = key.key_start;
            node.key_end = key.key_end;
            node.name_start = key.name_start;
            node.name_len = key.name_len;
            self.idx.nodes.push(node);
            self.file_member(id);
        } else {
            node.name_start = frame.count;
            frame.count = frame.count.checked_add(1)?;
            self.idx.nodes.push(node);
            self.pending.push(id);
        }
        Some(id)
    }

    /// Files member node `id` for lookup; if its parent already has a member
    /// of that name, the new node takes the old one's place (so the earlier
    /// occurrence and its whole subtree become unreachable) and the duplicate
    /// is recorded.
    fn file_member(&mut self, id: u32) {
        let idx = &mut self.idx;
        let node = idx.nodes[id as usize];
        let name = idx.name(&node);
        let slot = idx.slot(node.parent, name);
        let head = idx.members.get(&slot).copied().unwrap_or(NONE);
        // Look for an earlier member with the same parent and name.
        let mut prev = NONE;
        let mut cur = head;
        while cur != NONE {
            let other = &idx.nodes[cur as usize];
            if other.parent == node.parent && idx.name(other) == name {
                break;
            }
            prev = cur;
            cur = other.chain;
        }
        if cur == NONE {
            // First occurrence: put it at the head of the chain.
            idx.nodes[id as usize].chain = head;
            idx.members.insert(slot, id);
            return;
        }
        // Duplicate: `id` takes the place of `cur` in the chain.
        idx.nodes[id as usize].chain = idx.nodes[cur as usize].chain;
        idx.nodes[cur as usize].chain = NONE;
        if prev == NONE {
            idx.members.insert(slot, id);
        } else {
            idx.nodes[prev as usize].chain = id;
        }
        let first = self.first_of.get(&cur).copied().unwrap_or(cur);
        self.first_of.insert(id, first);
        self.record_duplicate(first, id);
    }

    /// Records that member `later` repeats the name of member `first`.
    fn record_duplicate(&mut self, first: u32, later: u32) {
        let idx = &self.idx;
        let later_node = idx.nodes[later as usize];
        let Some(object_pointer) = idx.pointer_of(later_node.parent, &mut self.pointer_budget)
        else {
            self.pointer_budget = 0;
            return;
        };
        let first_node = idx.nodes[first as usize];
        let dup = DuplicateKey {
            object_pointer,
            key: idx.name(&later_node).to_owned(),
            first_key: idx.span(first_node.key_start, first_node.key_end),
            // The first occurrence is complete: its value ended before the
            // later key started.
            first_value: idx.value_span(&first_node),
            key_span: idx.span(later_node.key_start, later_node.key_end),
            // Fixed in `finish`: the value may still be open here.
            value_span: idx.value_span(&later_node),
        };
        self.idx.dups.push(dup);
        self.dup_nodes.push(later);
    }

    /// Closes the innermost container at the bracket at `at`.
    fn close(&mut self, at: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        self.end_container(frame, (at + 1) as u32);
    }

    /// Sets a container's end (`NONE` if never closed) and moves an array's
    /// elements from `pending` to `elems`.
    fn end_container(&mut self, frame: Frame, end: u32) {
        let idx = &mut self.idx;
        if let Some(node) = idx.nodes.get_mut(frame.node as usize) {
            node.value_end = end;
            if !frame.object {
                let start = frame.pending_start.min(self.pending.len());
                node.children = idx.elems.len() as u32;
                node.child_count = (self.pending.len() - start) as u32;
                idx.elems.extend(self.pending.drain(start..));
            }
        }
    }

    /// Ends the scan: closes what is still open (without a value span) and
    /// fills in the value spans of duplicates.
    fn finish(mut self) -> SpanIndex {
        while let Some(frame) = self.stack.pop() {
            self.end_container(frame, NONE);
        }
        let mut idx = self.idx;
        // A later occurrence's value may have been open when it was recorded.
        for (dup, &later) in idx.dups.iter_mut().zip(&self.dup_nodes) {
            if let Some(node) = idx.nodes.get(later as usize) {
                dup.value_span = Span::new(
                    idx.base.saturating_add(node.value_start as usize),
                    if node.value_end == NONE {
                        0
                    } else {
                        node.value_end.saturating_sub(node.value_start) as usize
                    },
                );
            }
        }
        idx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// The text of `span` in `text` scanned with `base`.
    fn at(text: &str, base: usize, span: Span) -> &str {
        &text[span.offset - base..span.end() - base]
    }

    fn value_text<'t>(idx: &SpanIndex, text: &'t str, ptr: &str) -> Option<&'t str> {
        idx.value(ptr).map(|s| at(text, idx.base, s))
    }

    fn key_text<'t>(idx: &SpanIndex, text: &'t str, ptr: &str) -> Option<&'t str> {
        idx.key(ptr).map(|s| at(text, idx.base, s))
    }

    /// Every span the index holds, anywhere: nodes, duplicates.
    fn all_spans(idx: &SpanIndex) -> Vec<Span> {
        let mut spans = Vec::new();
        for node in &idx.nodes {
            spans.push(idx.value_span(node));
            if node.key_end != NONE {
                spans.push(idx.span(node.key_start, node.key_end));
            }
        }
        for d in &idx.dups {
            spans.extend([d.first_key, d.first_value, d.key_span, d.value_span]);
        }
        spans
    }

    fn assert_spans_sound(idx: &SpanIndex, text: &str, base: usize) {
        for span in all_spans(idx) {
            assert!(span.offset >= base, "{span:?} before base {base}");
            assert!(span.end() <= base + text.len(), "{span:?} past the end");
            assert!(text.is_char_boundary(span.offset - base), "{span:?}");
            assert!(text.is_char_boundary(span.end() - base), "{span:?}");
        }
    }

    /// Every pointer in `value`, the root included.
    fn pointers(value: &Value) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut todo = vec![(String::new(), value)];
        while let Some((ptr, v)) = todo.pop() {
            let children: Vec<(String, &Value)> = match v {
                Value::Object(map) => map
                    .iter()
                    .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
                    .collect(),
                Value::Array(items) => items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i.to_string(), v))
                    .collect(),
                _ => Vec::new(),
            };
            for (seg, child) in children {
                let p = format!("{ptr}/{seg}");
                out.push(p.clone());
                todo.push((p, child));
            }
        }
        out
    }

    const SAMPLE: &str = r#"{
  "data": {
    "leadOpportunity": {
      "status": "OPEN",
      "amount": -0.5e+3,
      "tags": ["a", "b\"c", []],
      "empty": {},
      "flags": [true, false, null]
    }
  },
  "offerLines": [
    {"amount": 12, "label": "café ☕"},
    {"amount": 0, "label": "😀"}
  ]
}"#;

    #[test]
    fn nested_objects_and_arrays() {
        let idx = SpanIndex::build(SAMPLE, 0);
        let v = |p| value_text(&idx, SAMPLE, p);
        let k = |p| key_text(&idx, SAMPLE, p);
        assert_eq!(v(""), Some(SAMPLE));
        assert_eq!(v("/data/leadOpportunity/status"), Some(r#""OPEN""#));
        assert_eq!(k("/data/leadOpportunity/status"), Some(r#""status""#));
        assert_eq!(v("/data/leadOpportunity/amount"), Some("-0.5e+3"));
        assert_eq!(
            v("/data/leadOpportunity/tags"),
            Some(r#"["a", "b\"c", []]"#)
        );
        assert_eq!(v("/data/leadOpportunity/tags/1"), Some(r#""b\"c""#));
        assert_eq!(v("/data/leadOpportunity/tags/2"), Some("[]"));
        assert_eq!(v("/data/leadOpportunity/tags/3"), None);
        assert_eq!(v("/data/leadOpportunity/empty"), Some("{}"));
        assert_eq!(v("/data/leadOpportunity/flags/0"), Some("true"));
        assert_eq!(v("/data/leadOpportunity/flags/1"), Some("false"));
        assert_eq!(v("/data/leadOpportunity/flags/2"), Some("null"));
        assert_eq!(
            v("/offerLines/0"),
            Some(r#"{"amount": 12, "label": "café ☕"}"#)
        );
        assert_eq!(v("/offerLines/1/amount"), Some("0"));
        assert_eq!(k("/offerLines/1/amount"), Some(r#""amount""#));
        assert_eq!(v("/offerLines/1/label"), Some(r#""😀""#));
        // Array elements and the root have no key.
        assert_eq!(k("/offerLines/1"), None);
        assert_eq!(k(""), None);
        // Not there, or malformed.
        for p in [
            "/nope",
            "/offerLines/2",
            "/offerLines/01",
            "/offerLines/-",
            "/offerLines/+1",
            "/offerLines/a",
            "/data/leadOpportunity/status/x",
            "data",
            "/data/",
            "/offerLines/99999999999999999999",
        ] {
            assert_eq!(idx.value(p), None, "{p}");
            assert_eq!(idx.key(p), None, "{p}");
        }
        assert!(idx.duplicates().is_empty());
        assert!(!idx.depth_exceeded());
    }

    #[test]
    fn string_spans_include_quotes() {
        let text = r#"["", "x", "\u00e9\n"]"#;
        let idx = SpanIndex::build(text, 0);
        assert_eq!(idx.value("/0"), Some(Span::new(1, 2)));
        assert_eq!(value_text(&idx, text, "/1"), Some(r#""x""#));
        assert_eq!(value_text(&idx, text, "/2"), Some(r#""\u00e9\n""#));
    }

    #[test]
    fn escaped_keys_are_decoded() {
        let text = r#"{"st\u0061tus": 1, "a\"b": 2, "c\\d": 3, "e\/f": 4, "\ud83d\ude00": 5}"#;
        let idx = SpanIndex::build(text, 0);
        assert_eq!(key_text(&idx, text, "/status"), Some(r#""st\u0061tus""#));
        assert_eq!(idx.key("/status").map(|s| s.len), Some(13));
        assert_eq!(value_text(&idx, text, "/status"), Some("1"));
        assert_eq!(value_text(&idx, text, "/a\"b"), Some("2"));
        assert_eq!(value_text(&idx, text, "/c\\d"), Some("3"));
        assert_eq!(value_text(&idx, text, "/e~1f"), Some("4"));
        assert_eq!(key_text(&idx, text, "/e~1f"), Some(r#""e\/f""#));
        assert_eq!(value_text(&idx, text, "/😀"), Some("5"));
        assert_eq!(idx.value("/st\\u0061tus"), None);
    }

    #[test]
    fn keys_with_slash_and_tilde() {
        let text = r#"{"a/b": {"c~d": 1, "~1": 2, "": 3}, "~": 4}"#;
        let idx = SpanIndex::build(text, 0);
        assert_eq!(value_text(&idx, text, "/a~1b/c~0d"), Some("1"));
        assert_eq!(key_text(&idx, text, "/a~1b/c~0d"), Some(r#""c~d""#));
        assert_eq!(value_text(&idx, text, "/a~1b/~01"), Some("2"));
        assert_eq!(value_text(&idx, text, "/a~1b/"), Some("3"));
        assert_eq!(value_text(&idx, text, "/~0"), Some("4"));
        // Like serde_json's `Value::pointer`, a `~` not followed by 0 or 1 is literal.
        assert_eq!(value_text(&idx, text, "/~"), Some("4"));
        assert_eq!(idx.value("/a/b"), None);
        assert_eq!(value_text(&idx, text, "/a~1b/c~d"), Some("1"));
        assert_eq!(idx.value("/a~1b/c~0~1d"), None);
    }

    #[test]
    fn offsets_are_bytes_after_non_ascii() {
        let text = "{\"é\": \"😀\", \"k\": [1, \"ü\"]}";
        let idx = SpanIndex::build(text, 0);
        // `{"é": ` is 1 + 4 + 2 = 7 bytes (é is 2 bytes).
        assert_eq!(idx.key("/é"), Some(Span::new(1, 4)));
        assert_eq!(idx.value("/é"), Some(Span::new(7, 6)));
        assert_eq!(idx.key("/k"), Some(Span::new(15, 3)));
        assert_eq!(idx.value("/k/1"), Some(Span::new(24, 4)));
        assert_eq!(value_text(&idx, text, "/k/1"), Some("\"ü\""));
    }

    #[test]
    fn base_shifts_every_offset() {
        let text = r#"{"a": [1, {"b": "c"}], "a": 2, "a": 3}"#;
        let plain = SpanIndex::build(text, 0);
        let shifted = SpanIndex::build(text, 3);
        for p in ["", "/a", "/b"] {
            assert_eq!(
                plain.value(p).map(|s| s.shifted(3)),
                shifted.value(p),
                "{p}"
            );
            assert_eq!(plain.key(p).map(|s| s.shifted(3)), shifted.key(p), "{p}");
        }
        assert_eq!(shifted.value(""), Some(Span::new(3, text.len())));
        assert_eq!(shifted.key("/a"), Some(Span::new(34, 3)));
        let d = &shifted.duplicates()[1];
        assert_eq!(d.first_key, Span::new(4, 3));
        assert_eq!(d.value_span, Span::new(39, 1));
        assert_spans_sound(&shifted, text, 3);
    }

    #[test]
    fn duplicates_two_and_three_occurrences() {
        let text = r#"{"a": 1, "b": {"x": true}, "a": "two", "a": [3]}"#;
        let idx = SpanIndex::build(text, 0);
        let dups = idx.duplicates();
        assert_eq!(dups.len(), 2);
        for d in dups {
            assert_eq!(d.object_pointer, "");
            assert_eq!(d.key, "a");
            assert_eq!(at(text, 0, d.first_key), r#""a""#);
            assert_eq!(d.first_key, Span::new(1, 3));
            assert_eq!(at(text, 0, d.first_value), "1");
        }
        assert_eq!(at(text, 0, dups[0].value_span), r#""two""#);
        assert_eq!(dups[0].key_span, Span::new(27, 3));
        assert_eq!(at(text, 0, dups[1].value_span), "[3]");
        assert!(dups[0].key_span.offset < dups[1].key_span.offset);
        // The last occurrence wins.
        assert_eq!(value_text(&idx, text, "/a"), Some("[3]"));
        assert_eq!(idx.key("/a"), Some(dups[1].key_span));
        assert_eq!(value_text(&idx, text, "/a/0"), Some("3"));
    }

    #[test]
    fn duplicates_nested_and_escaped() {
        let text = r#"{"o": [{"k/~": 1, "k\/~": 2}], "p": {"q": {"z": 0, "\u007a": {}}}}"#;
        let idx = SpanIndex::build(text, 0);
        let dups = idx.duplicates();
        assert_eq!(dups.len(), 2);
        assert_eq!(dups[0].object_pointer, "/o/0");
        assert_eq!(dups[0].key, "k/~");
        assert_eq!(at(text, 0, dups[0].key_span), r#""k\/~""#);
        assert_eq!(at(text, 0, dups[0].value_span), "2");
        assert_eq!(value_text(&idx, text, "/o/0/k~1~0"), Some("2"));
        assert_eq!(dups[1].object_pointer, "/p/q");
        assert_eq!(dups[1].key, "z");
        assert_eq!(at(text, 0, dups[1].first_value), "0");
        assert_eq!(at(text, 0, dups[1].value_span), "{}");
    }

    #[test]
    fn duplicate_shadows_the_earlier_subtree() {
        let text = r#"{"a":{"b":1,"d":[0]},"x":{"a":5},"a":{"c":2}}"#;
        let idx = SpanIndex::build(text, 0);
        assert_eq!(idx.value("/a/b"), None);
        assert_eq!(idx.value("/a/d"), None);
        assert_eq!(idx.value("/a/d/0"), None);
        assert_eq!(value_text(&idx, text, "/a/c"), Some("2"));
        assert_eq!(value_text(&idx, text, "/a"), Some(r#"{"c":2}"#));
        assert_eq!(value_text(&idx, text, "/x/a"), Some("5"));
        assert_eq!(idx.duplicates().len(), 1);
        assert_eq!(
            at(text, 0, idx.duplicates()[0].first_value),
            r#"{"b":1,"d":[0]}"#
        );

        // And the first occurrence's own children never clash with the last's.
        let text = r#"{"a":{"b":1},"a":{"b":2}}"#;
        let idx = SpanIndex::build(text, 0);
        assert_eq!(value_text(&idx, text, "/a/b"), Some("2"));
        assert_eq!(idx.duplicates().len(), 1);
    }

    #[test]
    fn root_scalars_arrays_and_empties() {
        for (text, span) in [
            ("42", Span::new(0, 2)),
            (" \t\r\n-0.5e+3 \n", Span::new(4, 7)),
            ("\"s\"", Span::new(0, 3)),
            ("true", Span::new(0, 4)),
            ("false ", Span::new(0, 5)),
            ("null", Span::new(0, 4)),
            ("{}", Span::new(0, 2)),
            ("[ ]", Span::new(0, 3)),
            ("  { \n }  ", Span::new(2, 5)),
        ] {
            let idx = SpanIndex::build(text, 0);
            assert_eq!(idx.value(""), Some(span), "{text:?}");
            assert_eq!(idx.key(""), None);
            assert_eq!(idx.value("/0"), None);
            assert_eq!(idx.value("/a"), None);
        }
        let text = "[1, [2, 3], {\"a\": []}, \"x\"]";
        let idx = SpanIndex::build(text, 0);
        assert_eq!(value_text(&idx, text, "/1/1"), Some("3"));
        assert_eq!(value_text(&idx, text, "/2/a"), Some("[]"));
        assert_eq!(value_text(&idx, text, "/3"), Some("\"x\""));
        assert_eq!(idx.value("/4"), None);
        for text in ["", "   ", "\u{feff}{}", "\u{a0}1", "\x0c1"] {
            let idx = SpanIndex::build(text, 0);
            assert_eq!(idx.value(""), None, "{text:?}");
        }
    }

    #[test]
    fn numbers_are_exact() {
        for n in [
            "0", "-0", "12", "-12.50", "1e5", "1E-5", "2.5e+10", "-0.0e0",
        ] {
            let text = format!("[{n},{n} ]");
            let idx = SpanIndex::build(&text, 0);
            assert_eq!(value_text(&idx, &text, "/0"), Some(n));
            assert_eq!(value_text(&idx, &text, "/1"), Some(n));
        }
        // Not numbers: the scan stops there.
        for bad in ["01", "1.", ".5", "-", "1e", "+1", "1e+", "--1", "0x1"] {
            let text = format!("[7,{bad}]");
            let idx = SpanIndex::build(&text, 0);
            assert_eq!(value_text(&idx, &text, "/0"), Some("7"), "{bad}");
            assert_eq!(idx.value(""), None, "{bad}");
            // At most a valid number prefix (`0` of `01`) was indexed.
            assert!(
                matches!(value_text(&idx, &text, "/1"), None | Some("0")),
                "{bad}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_capped_not_recursive() {
        let n = 100_000;
        let text = format!("{}{}", "[".repeat(n), "]".repeat(n));
        let idx = SpanIndex::build(&text, 0);
        assert!(idx.depth_exceeded());
        assert_eq!(idx.value(""), Some(Span::new(0, 2 * n)));
        assert!(idx.nodes.len() <= MAX_DEPTH + 1);
        let deepest = "/0".repeat(MAX_DEPTH);
        assert_eq!(
            idx.value(&deepest),
            Some(Span::new(MAX_DEPTH, 2 * (n - MAX_DEPTH)))
        );
        assert_eq!(idx.value(&format!("{deepest}/0")), None);

        // Truncated and unbalanced too.
        let idx = SpanIndex::build(&"[{\"a\":".repeat(n), 0);
        assert!(idx.depth_exceeded());
        assert_eq!(idx.value(""), None);
        let idx = SpanIndex::build(&"]".repeat(n), 0);
        assert_eq!(idx.value(""), None);
    }

    #[test]
    fn depth_limit_boundary() {
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let idx = SpanIndex::build(&at_limit, 0);
        assert!(!idx.depth_exceeded());
        assert_eq!(
            idx.value(&"/0".repeat(MAX_DEPTH - 1)),
            Some(Span::new(127, 2))
        );

        let over = format!(
            "{{\"k\":{}1{}, \"z\": 2}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let idx = SpanIndex::build(&over, 0);
        assert!(idx.depth_exceeded());
        let innermost = format!("/k{}", "/0".repeat(MAX_DEPTH - 1));
        assert_eq!(value_text(&idx, &over, &innermost), Some("[1]"));
        assert_eq!(idx.value(&format!("{innermost}/0")), None);
        // Scanning goes on after the skipped part.
        assert_eq!(value_text(&idx, &over, "/z"), Some("2"));

        // Brackets inside strings do not confuse the skip.
        let tricky = format!(
            "{{\"k\":{}\"]}}\\\"[\"{}, \"z\": 3}}",
            "[".repeat(MAX_DEPTH),
            "]".repeat(MAX_DEPTH)
        );
        let idx = SpanIndex::build(&tricky, 0);
        assert!(idx.depth_exceeded());
        assert_eq!(value_text(&idx, &tricky, "/z"), Some("3"));
    }

    #[test]
    fn invalid_and_truncated_inputs_do_not_panic() {
        let cases = [
            "{",
            "[",
            "{\"a\"",
            "{\"a\":",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{\"a\":1 \"b\":2}",
            "[1,]",
            "[1 2]",
            "{1:2}",
            "}",
            "]",
            "[}",
            "{]",
            "\"abc",
            "\"\\",
            "\"\\u12\"",
            "\"\\uZZZZ\"",
            "\"\\x\"",
            "{\"\\ud800\": 1}",
            "{\"\\udc00x\": 1}",
            "[\"\\ud800\"]",
            "[\"a\u{1}b\"]",
            "[\"tab\tinside\"]",
            "[tru]",
            "[nul",
            "[True]",
            "{\"a\":1}}",
            "{\"a\":1} [2]",
            "[1e999999999, -]",
            "\u{0}",
        ];
        for text in cases {
            for base in [0, 3] {
                let idx = SpanIndex::build(text, base);
                assert_spans_sound(&idx, text, base);
                for p in ["", "/a", "/0", "/0/0"] {
                    let _ = idx.value(p);
                    let _ = idx.key(p);
                }
            }
        }
        // Lone surrogate in a value: scanned (values are not decoded).
        let idx = SpanIndex::build("[\"\\ud800\", 1]", 0);
        assert_eq!(idx.value("/1"), Some(Span::new(11, 1)));
        // Lone surrogate in a key: the scan stops there.
        let idx = SpanIndex::build("{\"x\": 0, \"\\ud800\": 1, \"y\": 2}", 0);
        assert_eq!(idx.value("/x"), Some(Span::new(6, 1)));
        assert_eq!(idx.value("/y"), None);
        assert_eq!(idx.value(""), None);
        // Complete values inside an unterminated container stay reachable.
        let text = "{\"a\": [1, {\"b\": \"c\"}, 2";
        let idx = SpanIndex::build(text, 0);
        assert_eq!(idx.value(""), None);
        assert_eq!(idx.value("/a"), None);
        assert_eq!(key_text(&idx, text, "/a"), Some("\"a\""));
        assert_eq!(value_text(&idx, text, "/a/1/b"), Some("\"c\""));
        assert_eq!(value_text(&idx, text, "/a/2"), Some("2"));
        // Every prefix of a document.
        for end in (0..=SAMPLE.len()).filter(|&e| SAMPLE.is_char_boundary(e)) {
            let text = &SAMPLE[..end];
            let idx = SpanIndex::build(text, 1);
            assert_spans_sound(&idx, text, 1);
            assert_eq!(idx.value("").is_some(), end == SAMPLE.len());
        }
    }

    #[test]
    fn truncated_duplicate_value_is_empty() {
        let text = "{\"a\": 1, \"a\": [2, 3";
        let idx = SpanIndex::build(text, 0);
        let d = &idx.duplicates()[0];
        assert_eq!(d.value_span, Span::new(14, 0));
        assert_eq!(value_text(&idx, text, "/a/1"), Some("3"));
    }

    #[test]
    fn duplicate_pointer_budget_keeps_memory_linear() {
        // 100 levels of 1000-byte keys, then 2000 duplicates at the bottom.
        let key = "k".repeat(1000);
        let mut text = String::new();
        for _ in 0..100 {
            text.push_str(&format!("{{\"{key}\":"));
        }
        text.push('{');
        text.push_str(&vec!["\"d\":0"; 2000].join(","));
        text.push('}');
        text.push_str(&"}".repeat(100));
        let idx = SpanIndex::build(&text, 0);
        let total: usize = idx
            .duplicates()
            .iter()
            .map(|d| d.object_pointer.len())
            .sum();
        assert!(!idx.duplicates().is_empty());
        assert!(total <= 2 * text.len() + 4096, "{total}");
        let last = text.rfind("\"d\":0").unwrap() + 4;
        let ptr = format!("{}/d", format!("/{key}").repeat(100));
        assert_eq!(idx.value(&ptr), Some(Span::new(last, 1)));
    }

    // ---- property tests -------------------------------------------------

    /// A small deterministic generator for the writer below.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Writes `value` as JSON with random whitespace and random (valid)
    /// escapes, so that spans and key decoding get exercised.
    fn write_json(value: &Value, rng: &mut Rng, out: &mut String) {
        fn ws(rng: &mut Rng, out: &mut String) {
            for _ in 0..rng.pick(4).saturating_sub(1) {
                out.push([' ', '\t', '\n', '\r'][rng.pick(4) as usize]);
            }
        }
        fn string(s: &str, rng: &mut Rng, out: &mut String) {
            out.push('"');
            for c in s.chars() {
                let escape = rng.pick(4) == 0;
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '/' if escape => out.push_str("\\/"),
                    '\n' => out.push_str("\\n"),
                    c if (c as u32) < 0x20 || escape => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{u:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        ws(rng, out);
        match value {
            Value::Object(map) => {
                out.push('{');
                ws(rng, out);
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    ws(rng, out);
                    string(k, rng, out);
                    ws(rng, out);
                    out.push(':');
                    write_json(v, rng, out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                ws(rng, out);
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json(v, rng, out);
                }
                out.push(']');
            }
            Value::String(s) => string(s, rng, out),
            other => out.push_str(&other.to_string()),
        }
        ws(rng, out);
    }

    fn json_key() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-c]{0,2}",
            "[a-c/~01\"\\\\é😀\n]{0,4}",
            Just("status".to_owned()),
        ]
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-4000i32..4000).prop_map(|n| Value::from(f64::from(n) / 8.0)),
            "[a-z/~\"\\\\ é😀\u{1}]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(json_key(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn every_pointer_reparses_to_the_same_value(value in json_value(), seed in 1u64.., base in 0usize..4) {
            let mut text = String::new();
            write_json(&value, &mut Rng(seed), &mut text);
            let reparsed: Value = serde_json::from_str(&text).expect("writer emits valid JSON");
            prop_assert_eq!(&reparsed, &value);
            let idx = SpanIndex::build(&text, base);
            assert_spans_sound(&idx, &text, base);
            prop_assert!(idx.duplicates().is_empty());
            for ptr in pointers(&value) {
                let span = idx.value(&ptr);
                prop_assert!(span.is_some(), "no span for {:?}", ptr);
                let slice = at(&text, base, span.unwrap());
                let got: Value = serde_json::from_str(slice).expect("span is one JSON value");
                prop_assert_eq!(Some(&got), value.pointer(&ptr), "pointer {:?}", ptr);
                if let Some(key) = idx.key(&ptr) {
                    let name: String = serde_json::from_str(at(&text, base, key)).expect("key token");
                    let last = ptr.rsplit('/').next().unwrap().replace("~1", "/").replace("~0", "~");
                    prop_assert_eq!(name, last);
                }
            }
        }

        #[test]
        fn mutations_never_panic_and_spans_stay_sound(
            edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, prop::sample::select(vec![
                '{', '}', '[', ']', '"', ':', ',', '\\', 'u', 'd', '8', '0', '-', 'e', '.', ' ', '\n', '\u{1}', 'é', '😀', 't', 'n',
            ])), 1..6),
            base in 0usize..4,
        ) {
            let mut text = SAMPLE.to_owned();
            text.push_str(r#"{"a":1,"a":{"b\u0061":[2]},"a/~":"\ud83d\ude00"}"#);
            for (at_index, op, c) in edits {
                let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
                let i = bounds[at_index.index(bounds.len())];
                let next = bounds.iter().copied().find(|&j| j > i);
                match (op, next) {
                    (0, _) => text.insert(i, c),
                    (1, Some(j)) => text.replace_range(i..j, ""),
                    (2, Some(j)) => text.replace_range(i..j, c.encode_utf8(&mut [0; 4])),
                    _ => text.truncate(i),
                }
            }
            let idx = SpanIndex::build(&text, base);
            assert_spans_sound(&idx, &text, base);
            let doc: Value = serde_json::from_str(SAMPLE).unwrap();
            for ptr in pointers(&doc).iter().map(String::as_str).chain(["/a", "/a/ba", "/a~1~0", "/0"]) {
                for span in [idx.value(ptr), idx.key(ptr)].into_iter().flatten() {
                    prop_assert!(span.offset >= base && span.end() <= base + text.len());
                    prop_assert!(text.is_char_boundary(span.offset - base));
                    prop_assert!(text.is_char_boundary(span.end() - base));
                }
            }
            // Where serde_json accepts the mutated text, spans must agree with it.
            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                for ptr in pointers(&value) {
                    let slice = at(&text, base, idx.value(&ptr).expect("indexed"));
                    let got: Value = serde_json::from_str(slice).expect("one value");
                    prop_assert_eq!(Some(&got), value.pointer(&ptr));
                }
            }
        }
    }
}
