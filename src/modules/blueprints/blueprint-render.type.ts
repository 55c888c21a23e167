import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from '../../graphql/cache-control.js';
import type { RenderedArtefact } from './render.service.js';

export enum BlueprintFormat {
  MARKDOWN = 'MARKDOWN',
  HTML = 'HTML',
  DOCX = 'DOCX',
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(BlueprintFormat, {
  name: 'BlueprintFormat',
  description: 'A format a blueprint renders to. CSV and XLSX are offered for hazard log blueprints only.',
  valuesConfig: {
    MARKDOWN: { description: 'Markdown text (text/markdown).' },
    HTML: { description: 'A standalone, sanitised HTML document with print styles.' },
    DOCX: { description: 'A Word document with real headings and tables (base64).' },
    CSV: { description: 'The hazard rows as CSV with a header row (hazard logs only).' },
    XLSX: { description: 'A workbook: the hazard log sheet and an About sheet with clause coverage (base64; hazard logs only).' },
  },
});

export enum ContentEncoding {
  UTF8 = 'UTF8',
  BASE64 = 'BASE64',
}
registerEnumType(ContentEncoding, { name: 'ContentEncoding', description: 'How `content` carries the file: text as it is, or binary as base64.' });

@Directive(cacheHint.content)
@ObjectType('RenderedBlueprint', { description: 'A blueprint version filled in and rendered to one format.' })
export class RenderedBlueprintType {
  @Field(() => String, { description: 'Suggested file name, e.g. "hazard-log-1.1.0.xlsx".' })
  fileName!: string;
  @Field(() => String)
  mediaType!: string;
  @Field(() => ContentEncoding)
  encoding!: ContentEncoding;
  @Field(() => String, { description: 'The file: text for UTF8, base64 for BASE64.' })
  content!: string;
  @Field(() => Int, { description: 'Size of the file in bytes (after base64 decoding).' })
  byteLength!: number;
  @Field(() => String, { description: 'Strong entity tag of the file, the same as the download URL sends.' })
  etag!: string;
  @Field(() => String, { description: 'The exact version rendered (resolves "latest").' })
  version!: string;
  @Field(() => String, { description: 'Stable download URL of this file, with the variables as query parameters.' })
  downloadUrl!: string;

  static from(artefact: RenderedArtefact, downloadUrl: string): RenderedBlueprintType {
    return Object.assign(new RenderedBlueprintType(), {
      fileName: artefact.fileName,
      mediaType: artefact.mediaType,
      encoding: artefact.encoding as ContentEncoding,
      content: artefact.encoding === 'BASE64' ? artefact.bytes.toString('base64') : artefact.bytes.toString('utf8'),
      byteLength: artefact.bytes.byteLength,
      etag: artefact.etag,
      version: artefact.version.version,
      downloadUrl,
    });
  }
}
