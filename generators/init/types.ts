export interface InitGeneratorSchema {
  platforms?: string[];
  image?: string;
  allMains?: boolean;
  moduleDir?: string;
  skipFormat?: boolean;
}
