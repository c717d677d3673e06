export {
  el,
  escapeAttr,
  escapeText,
  hasInvalidXmlChars,
  serialize,
  serializeOpenTag,
  stripInvalidXmlChars,
  XmlElement,
  type XmlNode,
} from './element.ts';
export {
  type ParseOptions,
  type ParseResult,
  parseXml,
  StreamParser,
  type StreamParserEvents,
} from './parse.ts';
