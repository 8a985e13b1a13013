export declare const SIZE: number
export declare function encodePng(width: number, height: number, rgba: Buffer): Buffer
export declare function drawIcon(): Buffer
