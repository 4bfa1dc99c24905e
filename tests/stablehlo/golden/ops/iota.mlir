module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main() -> (tensor<4xi32>, tensor<2x3xf32>, tensor<3x2xui32>, tensor<3xi1>) {
    %0 = stablehlo.iota dim = 0 : tensor<4xi32>
    %1 = stablehlo.iota dim = 1 : tensor<2x3xf32>
    %2 = stablehlo.iota dim = 0 : tensor<3x2xui32>
    %3 = stablehlo.iota dim = 0 : tensor<3xi32>
    %c = stablehlo.constant dense<0> : tensor<3xi32>
    %4 = stablehlo.compare NE, %3, %c, SIGNED : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi1>
    return %0, %1, %2, %4 : tensor<4xi32>, tensor<2x3xf32>, tensor<3x2xui32>, tensor<3xi1>
  }
}
