export interface BinaryGeneratorSchema {
  name: string;
  group?: string;
  platforms?: string[];
  directory?: string;
  moduleDir?: string;
  skipFormat?: boolean;
}
